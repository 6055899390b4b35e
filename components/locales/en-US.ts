/**
 * en-US: "inquiry", "color", "program". Assembled from one part per area so each area's
 * strings are kept beside each other; a test checks every message id used has a translation.
 */
import { common } from './parts/common.en-US.js';

export const templates = {
  ...common,
};
