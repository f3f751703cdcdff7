#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace handoff::support {

// A calendar date of the proleptic Gregorian calendar.
struct Date {
  int year = 1970;
  int month = 1;
  int day = 1;

  // Parses "YYYY-MM-DD"; returns nullopt unless it is a real calendar date.
  static std::optional<Date> parse(std::string_view text);
  // Returns the date `days` days after the epoch 1970-01-01.
  static Date from_days(long long days);

  // Returns the number of days since 1970-01-01 (negative before).
  long long days() const;
  // Returns "YYYY-MM-DD".
  std::string str() const;
  // Returns the date `n` days later (earlier for negative n).
  Date plus_days(long long n) const { return from_days(days() + n); }

  auto operator<=>(const Date&) const = default;  // NOLINT(modernize-use-nullptr): clang-tidy 14 misreads it
};

// Returns the number of days from `a` to `b` (positive when b is later).
inline long long days_between(const Date& a, const Date& b)
{
  return b.days() - a.days();
}

// Returns today's date: HANDOFF_TODAY when set and valid, else the system's local date.
Date system_today();

// Returns true when `text` is a UTC timestamp "YYYY-MM-DDTHH:MM:SSZ" with a real date and time.
// Such timestamps compare chronologically as text.
bool is_timestamp(std::string_view text);

// Returns the UTC timestamp "YYYY-MM-DDTHH:MM:SSZ" of `date` at `seconds` after midnight
// (0..86399).
std::string timestamp(const Date& date, long long seconds);

// Returns the seconds since midnight UTC of the system clock now.
long long utc_seconds_of_day();

}  // namespace handoff::support
