import { TZDate } from '@date-fns/tz';
import type { QuietHours } from '@hidden-key/sdk/schemas';

const minutesOf = (clock: string) => {
  const [hours, minutes] = clock.split(':').map(Number);
  return hours! * 60 + minutes!;
};

/**
 * The first moment at or after `at` outside the quiet hours, read on the wall clock of
 * `timeZone`: `at` itself when it is already allowed, otherwise the window's end that day (or the
 * next, for a window that crosses midnight). Daylight-saving changes are the zone database's
 * business: an end inside a skipped hour lands just after it.
 */
export function nextAllowedTime(at: Date, timeZone: string, quiet: QuietHours | null): Date {
  if (!quiet) return at;
  const local = new TZDate(at.getTime(), timeZone);
  const now = local.getHours() * 60 + local.getMinutes();
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  const crossesMidnight = start > end;
  const quietNow = crossesMidnight ? now >= start || now < end : now >= start && now < end;
  if (!quietNow) return at;
  const endsTomorrow = crossesMidnight && now >= start;
  const allowed = new TZDate(
    local.getFullYear(),
    local.getMonth(),
    local.getDate() + (endsTomorrow ? 1 : 0),
    Math.floor(end / 60),
    end % 60,
    timeZone,
  );
  return new Date(allowed.getTime());
}
