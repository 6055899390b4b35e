/**
 * The live example on each element's page: the markup that runs there and is shown beside it.
 * Every element in the manifest needs one (the generator refuses to build without it), so a new
 * element cannot ship undocumented. Ids are the demo school's (examples/demo/seed.ts) plus the
 * docs' observation and survey (scripts/docs/live-examples.ts). Elements that take
 * `heading-level` get 4: their headings sit under the "Result" h3 of the page's live example.
 */

/** One element's example. */
export interface ElementExample {
  /** What the example shows, in a sentence (who is signed in, which record). */
  caption: string;
  /** The markup, as a host page would write it; it must use the element's tag. */
  html: string;
}

/** `<plc-provider>` around `inner`, signed in as `personId` (no one when omitted). */
const inProvider = (inner: string, personId?: string) =>
  `<plc-provider storage="memory"${personId ? ` person-id="${personId}"` : ''} theme="auto">\n  ${inner}\n</plc-provider>`;

export const EXAMPLES: Readonly<Record<string, ElementExample>> = {
  'plc-app': {
    caption: 'The whole app on the demo school, signed in as Beth Evans. With `routing="none"` it leaves this page\'s address alone.',
    html: '<plc-app demo storage="memory" person-id="p-beth" routing="none" theme="auto"></plc-app>',
  },
  'plc-booklet': {
    caption: "Clare Berry (CPD leader) on the current cycle's booklet.",
    html: inProvider('<plc-booklet heading-level="4"></plc-booklet>', 'p-clare'),
  },
  'plc-community-board': {
    caption: "Clare Berry (CPD leader) on every enquiry of the current cycle.",
    html: inProvider('<plc-community-board heading-level="4"></plc-community-board>', 'p-clare'),
  },
  'plc-cycle-admin': {
    caption: 'Kit Adeyemi (administrator) on the themes.',
    html: inProvider('<plc-cycle-admin section="themes" heading-level="4"></plc-cycle-admin>', 'p-kit'),
  },
  'plc-enquiry': {
    caption: "Beth Evans on her group's feedback enquiry, at the observation stage.",
    html: inProvider('<plc-enquiry enquiry-id="enq-feedback"></plc-enquiry>', 'p-beth'),
  },
  'plc-evidence-board': {
    caption: "Beth Evans on the feedback enquiry's evidence.",
    html: inProvider('<plc-evidence-board enquiry-id="enq-feedback" heading-level="4"></plc-evidence-board>', 'p-beth'),
  },
  'plc-impact-report': {
    caption: 'Clare Berry (CPD leader) on the impact of last cycle\'s PLCs.',
    html: inProvider('<plc-impact-report heading-level="4"></plc-impact-report>', 'p-clare'),
  },
  'plc-learning-walk': {
    caption: 'Amir Khan (PLC lead) about to start a walk, with this cycle\'s walks listed.',
    html: inProvider('<plc-learning-walk heading-level="4"></plc-learning-walk>', 'p-amir'),
  },
  'plc-meeting': {
    caption: 'Amir Khan (PLC lead) recording a meeting of his community.',
    html: inProvider('<plc-meeting community-id="com-feedback" heading-level="4"></plc-meeting>', 'p-amir'),
  },
  'plc-my-enquiries': {
    caption: "Beth Evans's enquiries in the current cycle.",
    html: inProvider('<plc-my-enquiries></plc-my-enquiries>', 'p-beth'),
  },
  'plc-observation-form': {
    caption: 'Beth Evans recording an observation for the feedback enquiry.',
    html: inProvider('<plc-observation-form enquiry-id="enq-feedback" heading-level="4"></plc-observation-form>', 'p-beth'),
  },
  'plc-observation-list': {
    caption: "The feedback enquiry's observations, as Beth Evans (a member) sees them.",
    html: inProvider('<plc-observation-list enquiry-id="enq-feedback" heading-level="4"></plc-observation-list>', 'p-beth'),
  },
  'plc-outcome-editor': {
    caption: 'Beth Evans on the reflection and outcome of the feedback enquiry.',
    html: inProvider('<plc-outcome-editor enquiry-id="enq-feedback" heading-level="4"></plc-outcome-editor>', 'p-beth'),
  },
  'plc-provider': {
    caption: 'A provider signed in as Dana Okafor, with one element inside.',
    html: inProvider('<plc-my-enquiries></plc-my-enquiries>', 'p-dana'),
  },
  'plc-question-editor': {
    caption: "Eli Novak on the oracy enquiry's draft question.",
    html: inProvider('<plc-question-editor enquiry-id="enq-oracy" heading-level="4"></plc-question-editor>', 'p-eli'),
  },
  'plc-survey-builder': {
    caption: "Beth Evans on the feedback enquiry's open survey.",
    html: inProvider('<plc-survey-builder enquiry-id="enq-feedback" survey-id="sv-feedback" heading-level="4"></plc-survey-builder>', 'p-beth'),
  },
  'plc-survey-response': {
    caption: 'The anonymous form as a student sees it: no one is signed in.',
    html: inProvider('<plc-survey-response survey-id="sv-feedback"></plc-survey-response>'),
  },
  'plc-survey-results': {
    caption: "The survey's six answers, as Beth Evans (a member) sees them.",
    html: inProvider('<plc-survey-results survey-id="sv-feedback" heading-level="4"></plc-survey-results>', 'p-beth'),
  },
  'plc-sync-status': {
    caption: 'With a store that does not sync, the work is saved on this device.',
    html: inProvider('<plc-sync-status></plc-sync-status>', 'p-beth'),
  },
  'plc-roster-review': {
    caption: 'Without a plc-kit server it says what it needs: give it server and an administrator’s tokenProvider.',
    html: inProvider('<plc-roster-review></plc-roster-review>', 'p-amir'),
  },
  'plc-review-queue': {
    caption: 'Amir Khan (PLC lead) on the driving questions waiting for his review, oldest first.',
    html: inProvider('<plc-review-queue heading-level="4"></plc-review-queue>', 'p-amir'),
  },
  'plc-notifications': {
    caption: 'Without a plc-kit server it says where notifications come from: give it server and a tokenProvider.',
    html: inProvider('<plc-notifications heading-level="4"></plc-notifications>', 'p-beth'),
  },
  'plc-credentials': {
    caption: 'Without a plc-kit server it says where badges come from: they are signed by the trust on the server.',
    html: inProvider('<plc-credentials heading-level="4"></plc-credentials>', 'p-beth'),
  },
  'plc-celebrate': {
    caption: 'The staff room screen; without a plc-kit server it says where the celebrations come from.',
    html: inProvider('<plc-celebrate heading-level="4"></plc-celebrate>', 'p-beth'),
  },
  'plc-sharing-session': {
    caption: "Clare Berry (CPD leader) on this cycle's sharing session, where last year's published outcomes are presented to all staff.",
    html: inProvider('<plc-sharing-session session-id="ss-2026-autumn" heading-level="4"></plc-sharing-session>', 'p-clare'),
  },
  'plc-coaching-pairs': {
    caption: 'Beth Evans on her coaching pair with Chen: the reciprocal observation slots and the log only the two of them read.',
    html: inProvider('<plc-coaching-pairs heading-level="4"></plc-coaching-pairs>', 'p-beth'),
  },
  'plc-staff-feedback': {
    caption: "Clare Berry (CPD leader) on last year's staff feedback; without a plc-kit server it says that answers and results are kept there, apart from who answered.",
    html: inProvider('<plc-staff-feedback cycle-id="cy-2025" heading-level="4"></plc-staff-feedback>', 'p-clare'),
  },
  'plc-vle-post': {
    caption: 'The VLE post of the feedback enquiry; without a plc-kit server it says that the link, snippet and page are made there.',
    html: inProvider('<plc-vle-post enquiry-id="enq-feedback" heading-level="4"></plc-vle-post>', 'p-beth'),
  },
};

/**
 * Throws unless every element has an example that uses its tag, and every example belongs to an
 * element: the message names each element and says where to add or remove it.
 */
export function checkExamples(tags: readonly string[], examples: Readonly<Record<string, ElementExample>>): void {
  const problems: string[] = [];
  for (const tag of tags) {
    const example = examples[tag];
    if (!example) problems.push(`<${tag}> has no live example: add one to EXAMPLES in scripts/docs/examples.ts (tag -> { caption, html }).`);
    else if (!new RegExp(`<${tag}[\\s>]`).test(example.html)) problems.push(`<${tag}>'s example does not use <${tag}>: its html must contain the element.`);
  }
  const known = new Set(tags);
  for (const tag of Object.keys(examples)) {
    if (!known.has(tag)) problems.push(`EXAMPLES in scripts/docs/examples.ts has <${tag}>, which the manifest does not list: remove it, or register the element.`);
  }
  if (problems.length) throw new Error(`docs: ${problems.length} problem${problems.length === 1 ? '' : 's'} with the element examples:\n  ${problems.join('\n  ')}`);
}
