/**
 * The plain-language sentence of each finding, from the analyses' data, in the active language:
 * "Staff in last year's Literacy PLC were 1.8 times as likely to show strength in literacy
 * (14 of 20) as staff as a whole (24 of 60)." Small groups get careful wording instead of a
 * figure that would mislead: "Literacy: too few staff to compare (3)."
 * @internal
 */
import { msg, str } from '@lit/localize';
import type { ImpactSummary } from '../../src/analysis/impact.js';
import type { WalkShare } from '../../src/analysis/learningWalk.js';
import type { ParticipationResult } from '../../src/analysis/participation.js';
import type { SurveyFigures } from '../../src/analysis/leaders.js';
import { currentLocale, formatDate, formatNumber, formatPercent } from '../localization.js';
import { stageLabel } from '../strings.js';

/** "14 of 20". */
export const ofText = (successes: number, count: number): string =>
  msg(str`${formatNumber(successes)} of ${formatNumber(count)}`, { id: 'impact.of' });

/** Names joined as a list in the active language: "Literacy and Oracy". */
export function listText(names: readonly string[]): string {
  try {
    return new Intl.ListFormat(currentLocale(), { type: 'conjunction' }).format(names);
  } catch {
    return names.join(', ');
  }
}

/** "last year's Literacy PLC" / "last year's Literacy and Oracy PLCs". */
function plcText(summary: ImpactSummary): string {
  const names = summary.themeNames;
  if (names.length > 1) return msg(str`last year's ${listText(names)} PLCs`, { id: 'impact.plc.many' });
  return msg(str`last year's ${names[0] ?? ''} PLC`, { id: 'impact.plc.one' });
}

/** The ratio as it is read aloud: one decimal, "1.8". */
const ratioText = (ratio: number) => formatNumber(ratio, { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** The sentence of one aspect's impact finding. */
export function impactSentence(summary: ImpactSummary): string {
  const aspect = summary.aspectName;
  const plc = plcText(summary);
  const members = ofText(summary.members.strengths, summary.members.count);
  const all = ofText(summary.all.strengths, summary.all.count);
  switch (summary.direction) {
    case 'no-data':
      return summary.members.count === 0
        ? msg(str`${aspect}: no appraisal records yet for staff in ${plc}.`, { id: 'impact.sentence.no-members' })
        : msg(str`${aspect}: no appraisal records for this cycle yet.`, { id: 'impact.sentence.no-records' });
    case 'too-small': {
      // A suppressed group has no count to give: saying how small would give it away.
      if (summary.suppressed) return msg(str`${aspect}: too few staff to compare.`, { id: 'impact.sentence.suppressed' });
      const smallest = Math.min(summary.members.count, summary.all.count);
      return msg(str`${aspect}: too few staff to compare (${formatNumber(smallest)}).`, { id: 'impact.sentence.too-small' });
    }
    case 'lower':
      return msg(str`Staff in ${plc} were less likely to show strength in ${aspect} (${members}) than staff as a whole (${all}).`, {
        id: 'impact.sentence.lower',
      });
    case 'higher':
      if (summary.ratio === undefined) {
        return msg(str`Staff in ${plc} were more likely to show strength in ${aspect} (${members}) than staff as a whole (${all}).`, {
          id: 'impact.sentence.higher-no-ratio',
        });
      }
      // A ratio that rounds to 1.0 reads as "about as likely", not "1.0 times as likely".
      if (ratioText(summary.ratio) !== ratioText(1)) {
        return msg(str`Staff in ${plc} were ${ratioText(summary.ratio)} times as likely to show strength in ${aspect} (${members}) as staff as a whole (${all}).`, {
          id: 'impact.sentence.higher',
        });
      }
      break;
    default:
      break;
  }
  return msg(str`Staff in ${plc} were about as likely to show strength in ${aspect} (${members}) as staff as a whole (${all}).`, {
    id: 'impact.sentence.same',
  });
}

/** The running or final result of a walk: "22 of 30 lessons (73%)". */
export function lessonsText(share: Pick<WalkShare, 'lessonsShowingFocus' | 'lessonsVisited'>): string {
  const { lessonsShowingFocus: showing, lessonsVisited: visited } = share;
  if (visited === 1) return msg(str`${formatNumber(showing)} of 1 lesson (${formatPercent(showing)})`, { id: 'impact.walk.lessons-one' });
  return msg(str`${formatNumber(showing)} of ${formatNumber(visited)} lessons (${formatPercent(visited ? showing / visited : 0)})`, {
    id: 'impact.walk.lessons',
  });
}

/** The interval of a walk in words, or why there is none yet. */
export function walkIntervalText(share: WalkShare): string {
  if (share.lessonsVisited === 0) return msg('No lessons recorded yet.', { id: 'impact.walk.none' });
  if (share.tooSmall) {
    return msg(str`Too few lessons to read a share yet (${formatNumber(share.lessonsVisited)}): visit at least 5.`, { id: 'impact.walk.too-small' });
  }
  const { lower, upper } = share.interval ?? { lower: 0, upper: 0 };
  return msg(str`Across all lessons, the share showing the focus is likely between ${formatPercent(lower)} and ${formatPercent(upper)} (95% confidence).`, {
    id: 'impact.walk.interval',
  });
}

/** The sentence of one learning walk's finding. */
export function walkSentence(focus: string, date: string, share: WalkShare): string {
  const when = formatDate(date);
  if (share.tooSmall) {
    return msg(str`Learning walk of ${when} (${focus}): too few lessons to read a share (${formatNumber(share.lessonsVisited)}).`, {
      id: 'impact.sentence.walk-too-small',
    });
  }
  const { lower, upper } = share.interval ?? { lower: 0, upper: 0 };
  return msg(
    str`On the learning walk of ${when}, ${lessonsText(share)} showed ${focus}; across all lessons the share is likely between ${formatPercent(lower)} and ${formatPercent(upper)}.`,
    { id: 'impact.sentence.walk' },
  );
}

/** The sentence of who took part. */
export function participationSentence(result: ParticipationResult): string {
  const { staff } = result;
  if (staff.total === 0) return msg('No staff are recorded yet.', { id: 'impact.sentence.no-staff' });
  return msg(
    str`${ofText(staff.inGroupPlc, staff.total)} staff (${formatPercent(staff.inGroupPlc / staff.total)}) were in a group PLC, ${formatNumber(staff.onIndividualProject)} on an individual project and ${formatNumber(staff.onNewStaffTrack)} on the new-staff track; ${formatNumber(staff.notParticipating)} took no part.`,
    { id: 'impact.sentence.participation' },
  );
}

/** The sentence of how far enquiries got: "3 of 12 enquiries (25%) have reached Shared." */
export function stagesSentence(result: ParticipationResult): string {
  if (result.enquiries === 0) return msg('No enquiries in this cycle yet.', { id: 'impact.sentence.no-enquiries' });
  const last = result.stages[result.stages.length - 1];
  if (!last) return '';
  return msg(str`${ofText(last.reached, result.enquiries)} enquiries (${formatPercent(last.reached / result.enquiries)}) have reached the ${stageLabel(last.stage)} stage.`, {
    id: 'impact.sentence.stages',
  });
}

/** The sentence of the cycle's student-voice surveys: "4 of 6 surveys have enough answers to read (112 answers)." */
export function surveysSentence(figures: SurveyFigures): string {
  if (figures.surveys === 0) return msg('No student-voice surveys in this cycle yet.', { id: 'impact.sentence.no-surveys' });
  return msg(str`${ofText(figures.readable, figures.surveys)} surveys have enough answers to read (${formatNumber(figures.responses)} answers in all).`, {
    id: 'impact.sentence.surveys',
  });
}
