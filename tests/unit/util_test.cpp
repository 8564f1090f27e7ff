// The generic helpers of lib/util. Where copies of one of them used to
// disagree, the case that decided which behaviour stays is pinned here.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>

#include "util/base64.hpp"
#include "util/sha1.hpp"
#include "util/time.hpp"
#include "util/url.hpp"
#include "util/worker_pool.hpp"
#include "util/xml.hpp"

using namespace intentctl;
using namespace std::chrono_literals;

namespace {

std::chrono::system_clock::time_point utc(int year, unsigned month, unsigned day, int hour = 0, int minute = 0,
                                          int second = 0) {
  using namespace std::chrono;
  return sys_days{std::chrono::year{year} / std::chrono::month{month} / std::chrono::day{day}} + hours{hour} +
         minutes{minute} + seconds{second};
}

} // namespace

TEST_CASE("xml_escape: entities, and U+FFFD where XML 1.0 has no place") {
  CHECK(xml_escape("a < b & \"c\" > 'd'") == "a &lt; b &amp; &quot;c&quot; &gt; &apos;d&apos;");
  CHECK(xml_escape("tab\tline\ncr\r") == "tab\tline\ncr\r");
  // The copies disagreed here ('?' in one): U+FFFD shows that something stood there.
  CHECK(xml_escape(std::string("bell\x07 nul") + '\0' + "esc\x1b") == "bell\xEF\xBF\xBD nul\xEF\xBF\xBD"
                                                                      "esc\xEF\xBF\xBD");
  CHECK(xml_escape("\xEF\xBF\xBE and \xEF\xBF\xBF") == "\xEF\xBF\xBD and \xEF\xBF\xBD"); // U+FFFE, U+FFFF
  CHECK(xml_escape("caf\xC3\xA9 \xEF\xBF\xBD \x7F") == "caf\xC3\xA9 \xEF\xBF\xBD \x7F"); // UTF-8 and DEL are XML
  CHECK(xml_escape("").empty());
}

TEST_CASE("percent_encode and percent_decode") {
  CHECK(percent_encode("a b/c?d=e&f") == "a%20b%2Fc%3Fd%3De%26f");
  CHECK(percent_encode("Az09-._~") == "Az09-._~");
  CHECK(percent_encode("dir/file name.yaml", "/") == "dir/file%20name.yaml");
  CHECK(percent_encode("caf\xC3\xA9") == "caf%C3%A9"); // upper-case hex, byte by byte
  CHECK(percent_decode("a%20b%2fc%2F") == "a b/c/");   // either case
  CHECK(percent_decode("100%") == "100%");             // a '%' without two hex digits stays
  CHECK(percent_decode("%zz%4") == "%zz%4");
  CHECK(percent_decode("%41") == "A");
  for (const char* text : {"", "plain", "p@ss:w/rd %", "caf\xC3\xA9"})
    CHECK(percent_decode(percent_encode(text)) == text);
}

TEST_CASE("parse_rfc3339: the grammar of RFC 3339, checked field by field") {
  CHECK(parse_rfc3339("2024-05-01T12:00:00Z") == utc(2024, 5, 1, 12));
  CHECK(parse_rfc3339("2024-05-01t12:00:00z") == utc(2024, 5, 1, 12));
  CHECK(parse_rfc3339("2024-05-01T14:30:00+02:30") == utc(2024, 5, 1, 12));
  CHECK(parse_rfc3339("2024-05-01T10:00:00-02:00") == utc(2024, 5, 1, 12));
  CHECK(parse_rfc3339("2024-05-01T12:00:00.25Z") == utc(2024, 5, 1, 12) + 250ms);
  CHECK(parse_rfc3339("2016-12-31T23:59:60Z") == utc(2017, 1, 1)); // a leap second
  CHECK(parse_rfc3339("2024-02-29T00:00:00Z") == utc(2024, 2, 29));
  // The copies disagreed on the separator: a space was a date-time to the
  // schema checker only. RFC 3339's grammar and Kubernetes take 'T' or 't'.
  CHECK_FALSE(parse_rfc3339("2024-05-01 12:00:00Z"));
  for (const char* text : {"2024-05-01",
                           "2024-05-01T12:00:00",
                           "2024-05-01T12:00Z",
                           "2024-13-01T12:00:00Z",
                           "2024-00-01T12:00:00Z",
                           "2023-02-29T12:00:00Z",
                           "2024-04-31T12:00:00Z",
                           "2024-05-01T24:00:00Z",
                           "2024-05-01T12:60:00Z",
                           "2024-05-01T12:00:61Z",
                           "2024-05-01T12:00:00.Z",
                           "2024-05-01T12:00:00+0200",
                           "2024-05-01T12:00:00+24:00",
                           "2024-05-01T12:00:00+02:60",
                           "2024-05-01T12:00:00+02",
                           "2024-05-01T12:00:00Zx",
                           "24-05-01T12:00:00Z",
                           "2024-5-01T12:00:00Z",
                           "2024/05/01T12:00:00Z",
                           ""})
    CHECK_MESSAGE(!parse_rfc3339(text), text);
  // Beyond what the clock holds: its ends, still a date-time.
  CHECK(parse_rfc3339("9999-12-31T23:59:59Z") == std::chrono::system_clock::time_point::max());
  CHECK(parse_rfc3339("0001-01-01T00:00:00Z") == std::chrono::system_clock::time_point::min());
  CHECK(is_rfc3339("9999-12-31T23:59:59Z"));
  CHECK_FALSE(is_rfc3339("2026-03-01T08:00:00"));
}

TEST_CASE("is_rfc3339_date: a full-date with real days") {
  CHECK(is_rfc3339_date("2024-05-01"));
  CHECK(is_rfc3339_date("2000-02-29"));
  CHECK_FALSE(is_rfc3339_date("1900-02-29"));
  CHECK_FALSE(is_rfc3339_date("2024-06-31"));
  CHECK_FALSE(is_rfc3339_date("2024-05-01T12:00:00Z"));
  CHECK_FALSE(is_rfc3339_date("2024-5-1"));
}

TEST_CASE("durations in Go's spelling") {
  CHECK(parse_duration("500ms") == 500ms);
  CHECK(parse_duration("30s") == 30s);
  CHECK(parse_duration("5m") == 5min);
  CHECK(parse_duration("1h30m") == 90min);
  CHECK(parse_duration("1.5s") == 1500ms);
  CHECK(parse_duration("0") == 0ms);
  CHECK_FALSE(parse_duration(""));
  CHECK_FALSE(parse_duration("5"));
  CHECK_FALSE(parse_duration("5 m"));
  CHECK_FALSE(parse_duration("5d"));
}

TEST_CASE("ISO 8601 durations") {
  CHECK(parse_iso8601_duration("PT30S") == 30s);
  CHECK(parse_iso8601_duration("PT5M") == 5min);
  CHECK(parse_iso8601_duration("PT1H30M") == 90min);
  CHECK(parse_iso8601_duration("P1D") == 24h);
  CHECK(parse_iso8601_duration("P2W") == 336h);
  CHECK(parse_iso8601_duration("P1DT12H") == 36h);
  CHECK(parse_iso8601_duration("PT0S") == 0s);
  for (const char* text : {"", "P", "PT", "P1DT", "PT5", "5M", "P1M", "P1Y", "PT1.5S", "PT5S3M", "PT1H1H", "P1H",
                           "PT1D", "P1DT1HT1M", "pt5m", "PT-5M", "PT9999999999S"})
    CHECK_MESSAGE(!parse_iso8601_duration(text), text);
  CHECK(parse_iso8601_duration("P999999999W") == std::chrono::seconds{999'999'999LL * 604'800});
}

TEST_CASE("base64: lenient for PEM and kubeconfig data, strict for the byte format") {
  CHECK(base64_encode("hello") == "aGVsbG8=");
  CHECK(base64_decode("aGVsbG8=") == "hello");
  CHECK(base64_decode("aGVs\nbG8") == "hello"); // wrapped, padding left out
  CHECK_FALSE(base64_decode("aGVsbG8=x"));
  CHECK_FALSE(base64_decode("not base64!"));
  CHECK(is_base64("aGVsbG8="));
  CHECK(is_base64(""));
  CHECK(is_base64("aGVs\r\nbG8="));    // Go's decoder skips line breaks
  CHECK_FALSE(is_base64("aGVsbG8"));   // padding is required
  CHECK_FALSE(is_base64("aGVs bG8=")); // spaces are not skipped
  CHECK_FALSE(is_base64("not base64!"));
  CHECK_FALSE(is_base64("aGVsbG8==="));
}

TEST_CASE("short_commit and same_commit") {
  CHECK(short_commit("3f2a9c1d0e5b") == "3f2a9c1");
  CHECK(short_commit("") == ""); // a table that wants "-" says so itself
  CHECK(same_commit("3f2a9c1", "3F2A9C1D0E5B"));
  CHECK_FALSE(same_commit("3f2a9c", "3f2a9c1d0e5b")); // too short to be taken for it
  CHECK_FALSE(same_commit("", ""));
}

TEST_CASE("worker_count: -j wins, the workload decides, never more than the tasks nor none") {
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  CHECK(worker_count(3, 10, Workload::computing) == 3);
  CHECK(worker_count(3, 2, Workload::waiting) == 2);
  CHECK(worker_count(0, 1000, Workload::computing) == cores);
  CHECK(worker_count(0, 1000, Workload::waiting) == std::max(4u, 2 * cores));
  CHECK(worker_count(0, 0, Workload::waiting) == 1);
  CHECK(worker_count(5, 0, Workload::computing) == 1);
}

TEST_CASE("parallel_for runs every task once, on the workers it was given") {
  std::vector<std::atomic<int>> runs(1000);
  std::set<unsigned> workers;
  std::mutex mutex;
  parallel_for(runs.size(), 4, [&](std::size_t i, unsigned worker) {
    ++runs[i];
    std::lock_guard lock(mutex);
    workers.insert(worker);
  });
  for (const auto& count : runs) CHECK(count == 1);
  CHECK(*workers.rbegin() < 4);
  parallel_for(0, 4, [](std::size_t, unsigned) { FAIL("no task"); });
}

TEST_CASE("parallel_for: the first exception stops the rest and comes out") {
  std::atomic<std::size_t> started{0};
  CHECK_THROWS_WITH_AS(parallel_for(100'000, 2,
                                    [&](std::size_t i, unsigned) {
                                      ++started;
                                      if (i == 10) throw std::runtime_error("task 10");
                                    }),
                       "task 10", std::runtime_error);
  CHECK(started < 100'000);
}

TEST_CASE("WorkerPool: results as they come, or workers left behind") {
  {
    std::vector<std::atomic<int>> runs(50);
    WorkerPool pool(runs.size(), 3, [&](std::size_t i, unsigned) { ++runs[i]; });
    pool.wait();
    for (const auto& count : runs) CHECK(count == 1);
  }
  {
    WorkerPool pool(3, 1, [](std::size_t i, unsigned) {
      if (i == 1) throw std::runtime_error("site 1");
    });
    CHECK_THROWS_WITH(pool.wait(), "site 1");
  }
  {
    // A worker stuck in its task: left behind, it finishes alone with what
    // its task holds, and no task starts after.
    auto started = std::make_shared<std::atomic<bool>>(false);
    auto release = std::make_shared<std::atomic<bool>>(false);
    auto finished = std::make_shared<std::atomic<int>>(0);
    {
      WorkerPool pool(5, 1, [started, release, finished](std::size_t, unsigned) {
        *started = true;
        while (!*release) std::this_thread::sleep_for(1ms);
        ++*finished;
      });
      while (!*started) std::this_thread::sleep_for(1ms);
      pool.leave_behind();
    } // the pool is gone; its worker is not
    *release = true;
    for (int i = 0; i < 10'000 && *finished == 0; ++i) std::this_thread::sleep_for(1ms);
    std::this_thread::sleep_for(20ms);
    CHECK(*finished == 1);
  }
}
