/**
 * The built-in stages as the enquiry view shows them. A new built-in stage is its place in the
 * lifecycle (src/lifecycle) and one file here, listed below; `tests/unit/views.test.ts` checks
 * that every stage the lifecycle knows has one, with its words in every language.
 *
 * Importing this file adds them to every element's views (see `addBuiltInStageViews`): the
 * enquiry view imports it, so the panels load with it; every other view names stages from
 * labels.ts alone.
 */
import { addBuiltInStageViews } from '../context/views.js';
import type { StageView } from './stage-view.js';
import { themeStage } from './theme.js';
import { questionStage } from './question.js';
import { observationStage } from './observation.js';
import { evidenceStage } from './evidence.js';
import { sharedStage, sharingStage } from './sharing.js';

export const BUILT_IN_STAGE_VIEWS: readonly StageView[] = [themeStage, questionStage, observationStage, evidenceStage, sharingStage, sharedStage];

addBuiltInStageViews(BUILT_IN_STAGE_VIEWS);
