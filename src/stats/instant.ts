const DIGIT_0 = 48;
const DASH = 45;
const DOT = 46;
const COLON = 58;
const T = 84;
const Z = 90;
const DAY_MS = 86_400_000;

function digit(text: string, index: number): number {
  const value = text.charCodeAt(index) - DIGIT_0;
  return value >= 0 && value <= 9 ? value : -1_000;
}

function twoDigits(text: string, index: number): number {
  return digit(text, index) * 10 + digit(text, index + 1);
}

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

/** Days from 1970-01-01 to a date of the proleptic Gregorian calendar (H. Hinnant's days_from_civil), in small integers. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = ((y >= 0 ? y : y - 399) / 400) | 0;
  const yearOfEra = y - era * 400;
  const dayOfYear = (((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) | 0) + day - 1;
  const dayOfEra = yearOfEra * 365 + ((yearOfEra / 4) | 0) - ((yearOfEra / 100) | 0) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** Milliseconds of a fraction after the seconds (`.5`, `.123456`), or -1 when it is not digits. */
function milliseconds(text: string): number {
  let millisecond = 0;
  for (let index = 20, place = 100; index < text.length - 1; index++, place = (place / 10) | 0) {
    const value = digit(text, index);
    if (value < 0) return -1;
    millisecond += value * place;
  }
  return millisecond;
}

/**
 * Writes the instant (epoch ms) of a timestamp as PluralKit prints it (`2026-05-01T12:00:00Z`, or
 * with a fraction of up to microseconds: `…00.123456Z`) into `target[index]`, read digit by
 * digit; anything else goes to `Date.parse`. NaN when it is no timestamp. It writes rather than
 * returns: a number returned from a call that is not inlined is an object on the heap, one per
 * switch, and the engine reads every switch of a range on every /stats.
 */
export function readInstant(text: string, target: Float64Array, index: number): void {
  const length = text.length;
  const shaped =
    length >= 20 &&
    length <= 30 &&
    text.charCodeAt(length - 1) === Z &&
    text.charCodeAt(4) === DASH &&
    text.charCodeAt(7) === DASH &&
    text.charCodeAt(10) === T &&
    text.charCodeAt(13) === COLON &&
    text.charCodeAt(16) === COLON &&
    (length === 20 || (length > 21 && text.charCodeAt(19) === DOT));
  const year = twoDigits(text, 0) * 100 + twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  const second = twoDigits(text, 17);
  const millisecond = length > 20 ? milliseconds(text) : 0;
  // Anything unusual (another shape, 31 February, 24:00) is for Date.parse to judge.
  if (!shaped || year < 0 || !(month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)) || !(hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59) || millisecond < 0) {
    target[index] = Date.parse(text);
    return;
  }
  target[index] = daysFromCivil(year, month, day) * DAY_MS + ((hour * 60 + minute) * 60 + second) * 1000 + millisecond;
}
