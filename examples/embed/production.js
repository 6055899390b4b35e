// Production: the embed page's one-file build (dist/embed/bundle.js) registers every element and
// exports the embed bootstrap.
import { startEmbed } from '../../dist/embed/bundle.js';

startEmbed();
