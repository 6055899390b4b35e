/**
 * The enquiry lifecycle as an XState v5 machine: theme -> question -> observation -> evidence ->
 * sharing -> shared, with review of the question by the lead, loops back to refine the question
 * or gather more evidence, pause/resume, withdraw and archive.
 *
 * The machine is the reducer of an enquiry's event log (see lifecycle.ts): replay never runs side
 * effects. It is written as one literal config whose guards and actions are all named (guards.ts,
 * actions.ts): data changes are `assign` actions over pure updates, side effects are no-op host
 * actions (`stageEntered`, `questionApproved`, ...) that a host replaces by name. What a
 * transition requires is read from the transition itself (see transitionTable.ts), so refusals
 * are explained from the same config the machine runs.
 *
 * Every stage enters the same way: `enterStage` records the visit, `announceStage` runs the host's
 * `stageEntered`, and an eventless transition passes over the stage when the enquiry predates it
 * (stages.ts). Integrators insert stages with `createEnquiryMachine({ stages })`, which adds
 * nodes of the same shape to this config (stageNodes.ts).
 */
import { and, assign, enqueueActions, setup, type AnyMachineSnapshot } from 'xstate';
import { builtInActions, updates, type HostActionName, type Update } from './actions.js';
import { builtInGuards, stageGuards } from './guards.js';
import { initialData } from './initialData.js';
import { enter, entryGuardName, insertStage, passOver } from './stageNodes.js';
import { DEFAULT_STAGES, predatesStage, STAGE, type StageParams } from './stages.js';
import type { EnquiryData, EnquiryStatus, LifecycleAction, LifecycleGuard, LifecycleInput, MachineEvent, StageExtension } from './types.js';

export { initialData, RULES_VERSION, sortedByUntil } from './initialData.js';

/** The machine's named guards and actions, and its types. */
export const enquirySetup = setup({
  types: {
    context: {} as EnquiryData,
    events: {} as MachineEvent,
    input: {} as LifecycleInput,
  },
  guards: { ...builtInGuards, ...stageGuards },
  actions: {
    ...builtInActions,
    record: assign(updates.record),
    createEnquiry: assign(updates.createEnquiry),
    renameEnquiry: assign(updates.renameEnquiry),
    setStatus: assign((args, params: { status: EnquiryStatus }) => updates.setStatus(args, params)),
    enterStage: assign((args, params: StageParams) => updates.enterStage(args, params)),
    chooseTheme: assign(updates.chooseTheme),
    draftQuestion: assign(updates.draftQuestion),
    requestReview: assign(updates.requestReview),
    approveQuestion: assign(updates.approveQuestion),
    returnQuestion: assign(updates.returnQuestion),
    reopenQuestion: assign(updates.reopenQuestion),
    recordObservation: assign(updates.recordObservation),
    shareObservation: assign(updates.shareObservation),
    addEvidence: assign(updates.addEvidence),
    removeEvidence: assign(updates.removeEvidence),
    saveReflection: assign(updates.saveReflection),
    saveOutcome: assign(updates.saveOutcome),
    publishOutcome: assign(updates.publishOutcome),
  },
}).extend({
  actions: {
    /** Runs the host's `stageEntered` for a stage the enquiry goes through, never for one it passes over. */
    announceStage: enqueueActions<EnquiryData, MachineEvent, StageParams, MachineEvent, never, { type: 'stageEntered'; params: StageParams }, never>(({ context, enqueue }, params) => {
      if (!predatesStage(context.details, params)) enqueue({ type: 'stageEntered', params });
    }),
  },
});

export * from './types.js';
export { builtInGuards, builtInRefusals, countsAsStudentVoice, policyAt, reviewersAt, type BuiltInGuard } from './guards.js';
export { DEFAULT_STAGES, predatesStage, type BuiltInStage, type StageParams } from './stages.js';

/** The default lifecycle's machine. */
export const enquiryMachine = enquirySetup.createMachine({
  id: 'enquiry',
  context: ({ input }) => initialData(input ?? {}),
  initial: 'new',
  states: {
    new: {
      on: {
        'enquiry.create': { target: 'active', actions: ['record', 'createEnquiry'] },
      },
    },
    active: {
      initial: 'theme',
      on: {
        'observation.share': { guard: and(['observationExists', 'isObservedColleague']), actions: ['record', 'shareObservation'] },
        'enquiry.rename': { actions: ['record', 'renameEnquiry'] },
        'enquiry.pause': { target: 'paused', actions: ['record', { type: 'setStatus', params: { status: 'paused' } }] },
        'enquiry.withdraw': { target: 'withdrawn', actions: ['record', { type: 'setStatus', params: { status: 'withdrawn' } }] },
      },
      states: {
        theme: {
          entry: enter(STAGE.theme),
          always: [passOver(STAGE.theme, 'question'), { target: '#enquiry.active.question', guard: 'hasTheme' }],
          on: {
            'theme.choose': { target: '#enquiry.active.question', actions: ['record', 'chooseTheme'] },
          },
        },
        question: {
          entry: enter(STAGE.question),
          always: passOver(STAGE.question, 'observation'),
          initial: 'drafting',
          states: {
            drafting: {
              on: {
                'question.draft': { actions: ['record', 'draftQuestion'] },
                'question.submit': [
                  {
                    target: 'review',
                    guard: and(['isQuestionComplete', 'isReviewRequired']),
                    actions: ['record', 'requestReview', 'questionSubmitted'],
                    // Choosing review is no requirement: without it the question goes straight on.
                    meta: { branch: 'isReviewRequired' },
                  },
                  { target: '#enquiry.active.observation', guard: 'isQuestionComplete', actions: ['record', 'questionSubmitted'] },
                ],
              },
            },
            review: {
              on: {
                'question.approve': {
                  target: '#enquiry.active.observation',
                  guard: and(['isReviewer', 'isNotOwnQuestion']),
                  actions: ['record', 'approveQuestion', 'questionApproved'],
                },
                'question.return': { target: 'drafting', guard: 'isReviewer', actions: ['record', 'returnQuestion', 'questionReturned'] },
              },
            },
          },
        },
        observation: {
          entry: enter(STAGE.observation),
          always: passOver(STAGE.observation, 'evidence'),
          on: {
            'question.refine': { target: '#enquiry.active.question.drafting', actions: ['record', 'reopenQuestion'] },
            'observation.record': { guard: 'isNewObservation', actions: ['record', 'recordObservation'] },
            'evidence.start': { target: '#enquiry.active.evidence', guard: 'hasMinObservations', actions: 'record' },
          },
        },
        evidence: {
          entry: enter(STAGE.evidence),
          always: passOver(STAGE.evidence, 'sharing'),
          on: {
            'question.refine': { target: '#enquiry.active.question.drafting', actions: ['record', 'reopenQuestion'] },
            'observation.record': { guard: 'isNewObservation', actions: ['record', 'recordObservation'] },
            'evidence.add': { guard: 'isNewEvidence', actions: ['record', 'addEvidence'] },
            'evidence.remove': { guard: 'evidenceExists', actions: ['record', 'removeEvidence'] },
            'reflection.save': { actions: ['record', 'saveReflection'] },
            'sharing.start': { target: '#enquiry.active.sharing', guard: and(['hasMinEvidence', 'hasStudentVoice']), actions: 'record' },
          },
        },
        sharing: {
          entry: enter(STAGE.sharing),
          always: passOver(STAGE.sharing, 'shared'),
          on: {
            'reflection.save': { actions: ['record', 'saveReflection'] },
            'outcome.save': { actions: ['record', 'saveOutcome'] },
            'evidence.reopen': { target: '#enquiry.active.evidence', actions: 'record' },
            'outcome.publish': {
              target: '#enquiry.active.shared',
              guard: and(['hasReflection', 'hasOutcome']),
              actions: ['record', 'publishOutcome', 'outcomePublished'],
            },
          },
        },
        // The last stage: nothing follows it to pass on to, and no stage may be inserted after it.
        shared: {
          entry: enter(STAGE.shared),
          on: {
            'outcome.save': { actions: ['record', 'saveOutcome'] },
            'enquiry.archive': { target: '#enquiry.archived' },
          },
        },
      },
    },
    paused: {
      on: {
        // Back to the stage the enquiry was paused in (and to review, if it was pending).
        'enquiry.resume': [
          { target: '#enquiry.active.theme', guard: { type: 'isInStage', params: STAGE.theme }, actions: ['record', { type: 'setStatus', params: { status: 'active' } }] },
          {
            target: '#enquiry.active.question.review',
            guard: and([{ type: 'isInStage', params: STAGE.question }, 'isReviewPending']),
            actions: ['record', { type: 'setStatus', params: { status: 'active' } }],
          },
          { target: '#enquiry.active.question', guard: { type: 'isInStage', params: STAGE.question }, actions: ['record', { type: 'setStatus', params: { status: 'active' } }] },
          { target: '#enquiry.active.observation', guard: { type: 'isInStage', params: STAGE.observation }, actions: ['record', { type: 'setStatus', params: { status: 'active' } }] },
          { target: '#enquiry.active.evidence', guard: { type: 'isInStage', params: STAGE.evidence }, actions: ['record', { type: 'setStatus', params: { status: 'active' } }] },
          { target: '#enquiry.active.sharing', guard: { type: 'isInStage', params: STAGE.sharing }, actions: ['record', { type: 'setStatus', params: { status: 'active' } }] },
          { target: '#enquiry.active.shared', guard: { type: 'isInStage', params: STAGE.shared }, actions: ['record', { type: 'setStatus', params: { status: 'active' } }] },
        ],
        'enquiry.withdraw': { target: 'withdrawn', actions: ['record', { type: 'setStatus', params: { status: 'withdrawn' } }] },
      },
    },
    withdrawn: {
      on: { 'enquiry.archive': { target: 'archived', actions: 'record' } },
    },
    archived: { type: 'final', entry: ['record', { type: 'setStatus', params: { status: 'archived' } }] },
  },
});

/**
 * The enquiry machine's type. A machine with inserted stages has the same context, events,
 * guards and actions, and more state values than this type lists.
 */
export type EnquiryMachine = typeof enquiryMachine;

/** A snapshot of the enquiry machine. */
export type EnquirySnapshot = AnyMachineSnapshot & { context: EnquiryData };

/** Options for {@link createEnquiryMachine}. */
export interface EnquiryMachineOptions {
  /** Stages to insert, in order. */
  stages?: readonly StageExtension[];
  /** Extra guards, or replacements for built-in ones, by name. */
  guards?: Record<string, LifecycleGuard>;
  /** Host actions (side effects) by name, replacing the built-in no-ops. */
  actions?: Partial<Record<HostActionName, LifecycleAction>>;
}

/** What {@link createEnquiryMachine} builds. */
export interface BuiltEnquiryMachine {
  machine: EnquiryMachine;
  /** The stage ids in order, inserted ones included. */
  stageIds: string[];
  /** The inserted stages, by id. */
  extensions: Map<string, StageExtension>;
  /** Every update the machine runs as an `assign`, by action name (the table runs them directly). */
  updates: Record<string, Update<never>>;
}

/**
 * Builds the enquiry machine: the default lifecycle's literal config, with `stages` inserted
 * (each after the stage it names) and `guards` and `actions` provided by name.
 * An inserted stage with entry requirements gets a guard `enter:<id>` on every transition into
 * it; it passes when the enquiry predates the stage or every requirement holds.
 */
export function createEnquiryMachine(options: EnquiryMachineOptions = {}): BuiltEnquiryMachine {
  let order: string[] = [...DEFAULT_STAGES];
  let config = enquiryMachine.config;
  const extensions = new Map<string, StageExtension>();
  const guards: Record<string, LifecycleGuard> = { ...builtInGuards, ...options.guards };
  for (const extension of options.stages ?? []) {
    if (order.includes(extension.id)) throw new Error(`Stage "${extension.id}" already exists.`);
    if (!order.includes(extension.after)) throw new Error(`Stage "${extension.id}" follows "${extension.after}", which does not exist.`);
    if (extension.after === 'shared') throw new Error('No stage can follow "shared": it is the end of the lifecycle.');
    const names = [...(extension.entryRequires ?? []), ...Object.values(extension.on).flatMap((spec) => spec.requires ?? [])];
    for (const name of names) if (!guards[name]) throw new Error(`Stage "${extension.id}" requires guard "${name}", which is not defined.`);
    ({ config, order } = insertStage(config, extension, order));
    extensions.set(extension.id, extension);
  }
  for (const extension of extensions.values()) {
    const entryGuards = extension.entryRequires ?? [];
    const params: StageParams = { stage: extension.id, ...(extension.since === undefined ? {} : { since: extension.since }) };
    guards[entryGuardName(extension.id)] = (args) => predatesStage(args.context.details, params) || entryGuards.every((name) => guards[name]!(args));
  }
  /** An inserted stage's event updates the stage's own data in `extra`. */
  const applyStageEvent: Update<{ stage: string }> = ({ context, event }, params) => {
    const spec = extensions.get(params.stage)?.on[event.type];
    return spec?.apply ? { extra: { ...context.extra, [params.stage]: spec.apply(context.extra[params.stage], event.event) } } : {};
  };
  // The config read back from the default machine, with nodes of the same shape inserted.
  const base = extensions.size === 0 ? enquiryMachine : (enquirySetup.createMachine(config as Parameters<typeof enquirySetup.createMachine>[0]) as unknown as EnquiryMachine);
  // Inserted stages name guards (`enter:<id>`, the integrator's) only known at run time.
  const machine = base.provide({
    guards,
    actions: { ...options.actions, applyStageEvent: assign(applyStageEvent) },
  } as Parameters<EnquiryMachine['provide']>[0]);
  return { machine, stageIds: order, extensions, updates: { ...updates, applyStageEvent } as Record<string, Update<never>> };
}
