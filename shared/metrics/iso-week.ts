const DAY_MS = 24 * 60 * 60 * 1000;

/** The ISO 8601 week (Monday to Sunday, UTC) a moment falls in. */
export interface IsoWeek {
  /** "2025-W09"; the year is the ISO week-numbering year, which may differ from the calendar year in late December or early January. */
  readonly week: string;
  /** The week's Monday, "2025-02-24". */
  readonly startsOn: string;
}

/** The ISO week of an ISO time, in UTC. */
export function isoWeekOf(iso: string): IsoWeek {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`isoWeekOf: not a time: ${iso}`);
  const day = Math.floor(ms / DAY_MS);
  // 1970-01-01 was a Thursday; ISO weekday 1 = Monday ... 7 = Sunday.
  const weekday = ((((day + 3) % 7) + 7) % 7) + 1;
  const monday = day - (weekday - 1);
  // The week belongs to the year of its Thursday; week 1 is the week with that year's first Thursday.
  const thursday = new Date((monday + 3) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const number = Math.floor((monday + 3 - Math.floor(Date.UTC(year, 0, 1) / DAY_MS)) / 7) + 1;
  return { week: `${year}-W${String(number).padStart(2, '0')}`, startsOn: dateOf(monday) };
}

/** Every ISO week overlapping [from, to), oldest first; none when the period is empty. */
export function isoWeeksBetween(from: string, to: string): IsoWeek[] {
  const end = Date.parse(to);
  if (!(Date.parse(from) < end)) return [];
  const weeks: IsoWeek[] = [];
  for (let monday = Date.parse(isoWeekOf(from).startsOn); monday < end; monday += 7 * DAY_MS) {
    weeks.push(isoWeekOf(new Date(monday).toISOString()));
  }
  return weeks;
}

function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
