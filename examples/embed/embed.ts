// Development: registers every element from the sources, then shows the view the URL asks for.
import { startEmbed } from '../../components/define.js';

startEmbed();
