// Times and durations as other tools write them: Go's durations (kubectl,
// flux, Config Sync, and intentctl's own flags), ISO 8601 durations (TM Forum
// documents) and RFC 3339 date-times (Kubernetes, JSON Schema's date-time).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace intentctl {

// "500ms", "30s", "5m", "1h30m", "1.5s" or "0": Go's time.ParseDuration
// spelling with the units ms, s, m and h. nullopt for anything else, and for
// more than a million seconds' worth.
std::optional<std::chrono::milliseconds> parse_duration(std::string_view text);

// "PT30S", "PT5M", "PT1H30M", "P1D", "P2W", "P1DT12H": an ISO 8601 duration
// made of whole weeks, days, hours, minutes and seconds, each at most once
// and in that order, with a 'T' before the first of the time part. Years and
// months (whose length depends on the calendar), fractions and a 'T' with
// nothing after it are refused (nullopt), and so is a sum too large to count.
std::optional<std::chrono::seconds> parse_iso8601_duration(std::string_view text);

// An RFC 3339 date-time (section 5.6): 2024-05-01T12:00:00Z, optionally with
// a fraction of a second and with a numeric offset (+02:00) instead of Z.
// The separator is 'T' or 't', never a space (RFC 3339's grammar, and what
// Kubernetes' OpenAPI validation accepts); 'Z' may be 'z'. Every field is
// checked: months 01-12, days as the month and the leap year have them,
// hours 00-23, minutes 00-59, seconds 00-60 (60 for a leap second, which
// counts as the next minute's first). A time outside what the clock can
// hold (about 1678 to 2262) is the clock's first or last instant.
std::optional<std::chrono::system_clock::time_point> parse_rfc3339(std::string_view text);

// Whether text is an RFC 3339 date-time as parse_rfc3339 reads it.
bool is_rfc3339(std::string_view text);

// Whether text is an RFC 3339 full-date, 2024-05-01, checked as above.
bool is_rfc3339_date(std::string_view text);

// The current time as RFC 3339 UTC, to the second: 2026-05-01T12:00:00Z.
std::string utc_now();

} // namespace intentctl
