// Production: the single-file build registers every element and exports the embed bootstrap.
import { startEmbed } from '../../dist/bundle.js';

startEmbed();
