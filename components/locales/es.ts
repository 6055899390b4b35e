/**
 * Spanish. Assembled from one part per area; a test checks every message id used has a
 * translation.
 */
import { common } from './parts/common.es.js';

export const templates = {
  ...common,
};
