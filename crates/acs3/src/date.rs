//! The `x-acs-date` format, `YYYY-MM-DDThh:mm:ssZ` (UTC), without a clock.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::error::{Error, clip};

/// How far `x-acs-date` may be from the server's clock: 15 minutes.
pub const MAX_CLOCK_SKEW: Duration = Duration::from_secs(15 * 60);

const SECS_PER_DAY: i64 = 86_400;

/// Parses an `x-acs-date` value, strictly `YYYY-MM-DDThh:mm:ssZ` (UTC, no
/// fraction, no offset, no leap second).
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// let t = acs3::parse_date("2023-10-26T10:22:32Z").unwrap();
/// assert_eq!(t, UNIX_EPOCH + Duration::from_secs(1_698_315_752));
/// assert!(acs3::parse_date("2023-02-29T00:00:00Z").is_err());
/// ```
pub fn parse_date(value: &str) -> Result<SystemTime, Error> {
    let fail = |reason| Error::InvalidDate {
        value: clip(value),
        reason,
    };
    let b = value.as_bytes();
    if b.len() != 20 {
        return Err(fail("wrong length"));
    }
    for (at, sep) in [
        (4, b'-'),
        (7, b'-'),
        (10, b'T'),
        (13, b':'),
        (16, b':'),
        (19, b'Z'),
    ] {
        if b[at] != sep {
            return Err(fail("wrong separator"));
        }
    }
    let number = |from: usize, to: usize| -> Result<i64, Error> {
        b[from..to].iter().try_fold(0i64, |acc, &d| {
            if d.is_ascii_digit() {
                Ok(acc * 10 + i64::from(d - b'0'))
            } else {
                Err(fail("a field is not all digits"))
            }
        })
    };
    let (year, month, day) = (number(0, 4)?, number(5, 7)?, number(8, 10)?);
    let (hour, minute, second) = (number(11, 13)?, number(14, 16)?, number(17, 19)?);
    if !(1..=12).contains(&month) {
        return Err(fail("month out of range"));
    }
    if day < 1 || day > days_in_month(year, month) {
        return Err(fail("day out of range"));
    }
    if hour > 23 {
        return Err(fail("hour out of range"));
    }
    if minute > 59 {
        return Err(fail("minute out of range"));
    }
    if second > 59 {
        return Err(fail("second out of range"));
    }
    let secs =
        days_from_civil(year, month, day) * SECS_PER_DAY + hour * 3600 + minute * 60 + second;
    let magnitude = Duration::from_secs(secs.unsigned_abs());
    let time = if secs >= 0 {
        UNIX_EPOCH.checked_add(magnitude)
    } else {
        UNIX_EPOCH.checked_sub(magnitude)
    };
    time.ok_or_else(|| fail("not representable on this platform"))
}

/// Formats a time as an `x-acs-date` value (`YYYY-MM-DDThh:mm:ssZ`, UTC,
/// fractions of a second dropped). `None` outside years 0000 to 9999.
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// let t = UNIX_EPOCH + Duration::from_secs(1_698_315_752);
/// assert_eq!(acs3::format_date(t).as_deref(), Some("2023-10-26T10:22:32Z"));
/// ```
pub fn format_date(time: SystemTime) -> Option<String> {
    let secs: i64 = match time.duration_since(UNIX_EPOCH) {
        Ok(after) => i64::try_from(after.as_secs()).ok()?,
        // Before the epoch: round down to the whole second.
        Err(before) => {
            let d = before.duration();
            let whole = i64::try_from(d.as_secs()).ok()?;
            -whole - i64::from(d.subsec_nanos() > 0)
        }
    };
    let days = secs.div_euclid(SECS_PER_DAY);
    let rest = secs.rem_euclid(SECS_PER_DAY);
    let (year, month, day) = civil_from_days(days);
    if !(0..=9999).contains(&year) {
        return None;
    }
    Some(format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    ))
}

/// Checks that an `x-acs-date` value is at most `max_skew` away from `now`,
/// before or after. Use [`MAX_CLOCK_SKEW`] for the service's 15 minutes.
///
/// Errors: [`Error::InvalidDate`] for a malformed value,
/// [`Error::ClockSkew`] when it is too far.
///
/// ```
/// use std::time::Duration;
/// let now = acs3::parse_date("2026-01-01T12:00:00Z").unwrap();
/// assert!(acs3::check_date("2026-01-01T12:14:59Z", now, acs3::MAX_CLOCK_SKEW).is_ok());
/// assert!(acs3::check_date("2026-01-01T11:44:59Z", now, acs3::MAX_CLOCK_SKEW).is_err());
/// ```
pub fn check_date(x_acs_date: &str, now: SystemTime, max_skew: Duration) -> Result<(), Error> {
    let date = parse_date(x_acs_date)?;
    let skew = match now.duration_since(date) {
        Ok(behind) => behind,
        Err(ahead) => ahead.duration(),
    };
    if skew > max_skew {
        return Err(Error::ClockSkew {
            value: x_acs_date.to_owned(),
            skew,
            max: max_skew,
        });
    }
    Ok(())
}

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date, counting in 400-year
/// eras that start on March 1st (so the leap day ends a year).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year.rem_euclid(400);
    let month_from_march = (month + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    // 719_468 days separate 0000-03-01 from 1970-01-01.
    era * 146_097 + day_of_era - 719_468
}

/// The inverse of [`days_from_civil`].
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip_over_many_years() {
        // Every day from 1600-01-01 to 2400-12-31, checked against a running
        // calendar built from days_in_month alone.
        let mut days = days_from_civil(1600, 1, 1);
        for year in 1600..=2400 {
            for month in 1..=12 {
                for day in 1..=days_in_month(year, month) {
                    assert_eq!(days_from_civil(year, month, day), days);
                    assert_eq!(civil_from_days(days), (year, month, day));
                    days += 1;
                }
            }
        }
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
    }

    #[test]
    fn leap_years() {
        assert!(is_leap(2000) && is_leap(2024) && !is_leap(1900) && !is_leap(2023));
    }
}
