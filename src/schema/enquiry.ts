/** The content of an enquiry: its details, driving question, observations, reflection, outcome. */
import * as z from 'zod/mini';
import { CalendarDate, Id, IdList, LIMITS, LongText, ShortText, TextList } from './common.js';

/** A group enquiry belongs to a community; an individual project belongs to one teacher. */
export const EnquiryKind = z.enum(['group', 'individual']);
export type EnquiryKind = z.infer<typeof EnquiryKind>;

/** What an enquiry is: set when it is created. */
export const EnquiryDetails = z.object({
  title: ShortText,
  kind: EnquiryKind,
  cycleId: Id,
  themeId: z.optional(Id),
  communityId: z.optional(Id),
  ownerIds: z.array(Id).check(z.minLength(1), z.maxLength(LIMITS.listItems)),
  /** `plc` for the programme itself, or a cycle track id such as a new-staff track. */
  track: z._default(Id, 'plc'),
  /**
   * The lifecycle's stages when the enquiry was created. Stages an integrator inserts later are
   * passed over for older enquiries, so old logs replay to the same state.
   */
  stages: z.optional(z.array(Id).check(z.maxLength(30))),
  /**
   * The version of the lifecycle's rules the enquiry was started under (absent: 1). A rule made
   * stricter later applies to enquiries started after it, so old logs replay to the same state.
   * Version 2: a student-voice survey counts as student voice only when one of its questions can
   * be shown (enough answers).
   */
  rulesVersion: z.optional(z.int().check(z.minimum(1), z.maximum(1_000))),
});
export type EnquiryDetails = z.infer<typeof EnquiryDetails>;

/** Evidence named in advance: "how will we know?" */
export const PlannedEvidence = z.object({
  kind: Id,
  description: ShortText,
});
export type PlannedEvidence = z.infer<typeof PlannedEvidence>;

/** The driving question under research, with the plan around it. */
export const DrivingQuestion = z.object({
  text: z.string().check(z.maxLength(LIMITS.shortText * 2)),
  rationale: LongText,
  targetStudents: z.string().check(z.maxLength(LIMITS.shortText)),
  plannedActions: TextList,
  successCriteria: TextList,
  plannedEvidence: z.array(PlannedEvidence).check(z.maxLength(20)),
});
export type DrivingQuestion = z.infer<typeof DrivingQuestion>;

/** An empty driving question, the starting point of the editor. */
export const EMPTY_QUESTION: DrivingQuestion = {
  text: '',
  rationale: '',
  targetStudents: '',
  plannedActions: [],
  successCriteria: [],
  plannedEvidence: [],
};

/**
 * A peer observation focused on the question. Developmental, never evaluative: visible to the
 * enquiry's members and the observed colleague, and to whoever the observed colleague shares it with.
 */
export const Observation = z.object({
  id: Id,
  observerId: Id,
  observedId: Id,
  className: z.string().check(z.maxLength(LIMITS.shortText)),
  date: CalendarDate,
  focus: ShortText,
  strengths: LongText,
  wonderings: LongText,
  nextSteps: LongText,
  sharedWith: IdList,
});
export type Observation = z.infer<typeof Observation>;

/** What worked, what did not, and what next. */
export const Reflection = z.object({
  whatWorked: LongText,
  whatDidNot: LongText,
  nextSteps: LongText,
});
export type Reflection = z.infer<typeof Reflection>;

/** Where an outcome is shared. */
export const Audience = z.enum(['booklet', 'vle', 'sharing-session']);
export type Audience = z.infer<typeof Audience>;

/** The outcome written for colleagues, published to the cycle's booklet, the VLE and a sharing session. */
export const Outcome = z.object({
  summary: LongText,
  findings: TextList,
  recommendations: TextList,
  audiences: z.array(Audience).check(z.maxLength(3)),
});
export type Outcome = z.infer<typeof Outcome>;
