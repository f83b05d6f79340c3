import { FRONT_SOURCES, type FrontSourceChoice } from '../../../src/fronts/source.js';
import { attachment, choice, text } from '../../../src/framework/fields.js';
import { frontSourceName } from '../../../src/render/front-source.js';

/** `/export fronts format`. */
export const exportFormatField = () => choice({ description: 'The file: csv (spreadsheets, default) or json', choices: ['csv', 'json'] as const });

/** `/export fronts range`: as /stats reads it, but the whole history by default. */
export const exportRangeField = () =>
  text({ description: 'How far back: all (default), 30d, 1y, 3mo, this month, last month, November, or a date', max: 100, autocomplete: 'range' });

/** `/import fronts file`. */
export const importFileField = () => attachment({ description: 'The export file (.json) of PluralKit, Simply Plural or Octocon', required: true });

/** `/import fronts source`. */
export const importSourceField = () =>
  choice({
    description: 'Which app the file comes from (default: auto, told from the file)',
    choices: [{ name: 'auto', value: 'auto' }, ...FRONT_SOURCES.map((source) => ({ name: frontSourceName(source), value: source }))] as ReadonlyArray<{
      name: string;
      value: FrontSourceChoice;
    }>,
  });
