/**
 * en-US: "inquiry", "color", "program". Assembled from one part per area so each area's
 * strings are kept beside each other; a test checks every message id used has a translation.
 */
import { common } from './parts/common.en-US.js';
import { question } from './parts/question.en-US.js';
import { observation } from './parts/observation.en-US.js';
import { outcome } from './parts/outcome.en-US.js';
import { enquiry } from './parts/enquiry.en-US.js';
import { app } from './parts/app.en-US.js';
import { evidence } from './parts/evidence.en-US.js';
import { survey } from './parts/survey.en-US.js';
import { board } from './parts/board.en-US.js';
import { admin } from './parts/admin.en-US.js';
import { walk } from './parts/walk.en-US.js';
import { impact } from './parts/impact.en-US.js';
import { booklet } from './parts/booklet.en-US.js';
import { meeting } from './parts/meeting.en-US.js';
import { embed } from './parts/embed.en-US.js';
import { sync } from './parts/sync.en-US.js';
import { conflict } from './parts/conflict.en-US.js';
import { roster } from './parts/roster.en-US.js';
import { student } from './parts/student.en-US.js';
import { review } from './parts/review.en-US.js';
import { notify } from './parts/notify.en-US.js';
import { vle } from './parts/vle.en-US.js';
import { coaching } from './parts/coaching.en-US.js';
import { drafts } from './parts/drafts.en-US.js';
import { badges } from './parts/badges.en-US.js';
import { sharing } from './parts/sharing.en-US.js';
import { feedback } from './parts/feedback.en-US.js';

export const templates = {
  ...common,
  ...question,
  ...observation,
  ...outcome,
  ...enquiry,
  ...app,
  ...evidence,
  ...survey,
  ...board,
  ...admin,
  ...walk,
  ...impact,
  ...booklet,
  ...meeting,
  ...embed,
  ...sync,
  ...conflict,
  ...roster,
  ...student,
  ...review,
  ...notify,
  ...vle,
  ...coaching,
  ...drafts,
  ...badges,
  ...sharing,
  ...feedback,
};
