/** The conflict view every record editor shares, en-US. */
export const conflict = {
  'conflict.deleted': 'Someone else deleted this while you were editing it.',
  'conflict.saved': 'Someone else saved this while you were editing it.',
  'conflict.changed': 'They changed:',
  'conflict.kept': 'Nothing was saved. What you typed is still here.',
  'conflict.keep-mine-deleted': 'Keep mine (save it again)',
  'conflict.keep-mine': 'Keep mine (save over theirs)',
  'conflict.take-theirs': 'Take theirs (discard mine)',
};
