import { str } from '@lit/localize';

/** "Post to your VLE" strings, US English. */
export const vle = {
  'vle.heading': 'Post to your VLE',
  'vle.no-provider': 'This element needs a plc-provider around it.',
  'vle.no-server': 'A VLE post needs the plc-kit server, which keeps the page the VLE shows. This page keeps its work on this device only.',
  'vle.intro-outcome': 'Put this outcome in your VLE: a page for an iframe or a link, or a snippet for the VLE’s editor. Everyone who can see that part of the course reads it, students too.',
  'vle.intro-booklet': 'Put this booklet in your VLE: a page for an iframe or a link, or a snippet for the VLE’s editor. It holds the outcomes published for the VLE. Everyone who can see that part of the course reads it, students too.',
  'vle.make': 'Get the VLE post',
  'vle.loading': 'Preparing the VLE post…',
  'vle.ready': 'The VLE post is ready.',
  'vle.not-for-vle': 'This outcome was not published for the VLE. Check “The VLE” under “Share it through” and publish it again to post it.',
  'vle.nothing': 'There is no published outcome to post here yet.',
  'vle.offline': 'You are offline: the VLE post can be made once the server can be reached.',
  'vle.error': str`The VLE post could not be made: ${0}`,
  'vle.retry': 'Try again',
  'vle.page': 'The page:',
  'vle.snippet': 'HTML snippet (paste it in the editor’s HTML view)',
  'vle.copy-snippet': 'Copy the snippet',
  'vle.iframe': 'Iframe code (for a VLE page that takes one)',
  'vle.copy-iframe': 'Copy the iframe code',
  'vle.snippet-copied': 'Snippet copied.',
  'vle.iframe-copied': 'Iframe code copied.',
  'vle.copy-yourself': 'The text is selected: copy it with Ctrl+C (⌘C on a Mac).',
  'vle.deep-link': 'From your VLE you can also add plc-kit as an activity and choose “A published outcome”: the VLE places the snippet for you.',
};
