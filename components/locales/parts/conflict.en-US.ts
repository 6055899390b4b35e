import { str } from '@lit/localize';

/** The conflict view every record editor shares, en-US. */
export const conflict = {
  'conflict.changed-this': 'They changed this.',
  'conflict.empty': '(empty)',
  'conflict.same': 'Yours now reads the same as theirs.',
  'conflict.yours': 'Yours',
  'conflict.theirs': 'Theirs',
  'conflict.use-theirs': str`Use theirs for “${0}”`,
  'conflict.by-field': 'They changed these, the words only one version has marked. Choose field by field, or keep one version whole:',
  'conflict.deleted': 'Someone else deleted this while you were editing it.',
  'conflict.saved': 'Someone else saved this while you were editing it.',
  'conflict.changed': 'They changed:',
  'conflict.kept': 'Nothing was saved. What you typed is still here.',
  'conflict.keep-mine-deleted': 'Keep mine (save it again)',
  'conflict.keep-mine': 'Keep mine (save over theirs)',
  'conflict.take-theirs': 'Take theirs (discard mine)',
};
