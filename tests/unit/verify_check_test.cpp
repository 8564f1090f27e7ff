// What verify prints about a check: the states' words, and server text and
// URLs made safe to print.
#include <doctest/doctest.h>

#include "http/http_client.hpp"
#include "verify/check.hpp"

using namespace intentctl;

TEST_CASE("every state has its word") {
  CHECK(state_word(CheckState::pass) == "pass");
  CHECK(state_word(CheckState::fail) == "fail");
  CHECK(state_word(CheckState::unknown) == "unknown");
  CHECK(state_word(CheckState::pending) == "pending");
  CHECK(state_word(CheckState::skip) == "skip");
}

TEST_CASE("an error is unknown; a deadline's is pending") {
  const CheckResult unknown = error_result("slo", external_error("http://u:pw@host:9090/api/v1/query: refused"));
  CHECK(unknown.state == CheckState::unknown);
  CHECK_FALSE(unknown.at_deadline);
  CHECK(unknown.summary == "http://***@host:9090/api/v1/query: refused");
  const CheckResult cut =
      error_result("cluster", Error(ExitClass::timeout, "https://api: no answer before the deadline"));
  CHECK(cut.state == CheckState::pending);
  CHECK(cut.at_deadline);
}

TEST_CASE("a metrics URL's password, as libcurl sends it, is a secret to leave out") {
  CHECK(url_password("http://alice:s3cret@prom:9090/api") == "s3cret");
  CHECK(url_password("http://alice:p%40ss%3Aword@prom:9090") == "p@ss:word");
  CHECK(url_password("http://alice@prom:9090").empty());
  CHECK(url_password("http://prom:9090").empty());
  CHECK(url_password("not a url").empty());
}

TEST_CASE("server text loses credentials before it is printed") {
  // URLs: user and password.
  CHECK(redact_output("GET http://alice:s3cret@prom:9090/api failed") == "GET http://***@prom:9090/api failed");
  // A token the server quotes back, by value and by pattern.
  CHECK(redact_output("Authorization: Bearer abc.def-123_XYZ rejected") == "Authorization: Bearer *** rejected");
  CHECK(redact_output("invalid bearer  eyJhbGciOi.x.y") == "invalid bearer  ***");
  CHECK(redact_output("token t0ken-value-42 is not valid", {"t0ken-value-42"}) == "token *** is not valid");
  // Basic credentials, and the base64 of a listed user:password.
  CHECK(redact_output("Authorization: Basic YWRtaW46cGFzcw==") == "Authorization: Basic ***");
  CHECK(redact_output("header YWRtaW46cGFzcw== echoed", {"admin:pass"}) == "header *** echoed");
  // Prose after "basic" stays.
  CHECK(redact_output("basic authentication is off") == "basic authentication is off");
  // Query parameters that carry secrets.
  CHECK(redact_output("redirect to /login?token=abc123&next=/x") == "redirect to /login?token=***&next=/x");
  CHECK(redact_output("?access_token=zzz&client_secret=yyy password=p") ==
        "?access_token=***&client_secret=*** password=***");
  // Nothing to mask, nothing changed.
  CHECK(redact_output("the query returned no series") == "the query returned no series");
  CHECK(redact_output("") == "");
}

TEST_CASE("make_result masks summary and details") {
  const CheckResult result = make_result("git", CheckState::fail, "https://bob:pw@git/x.git differs",
                                         {"-    repo: https://bob:pw@git/x.git", "+    repo: https://git/x.git"});
  CHECK(result.summary == "https://***@git/x.git differs");
  CHECK(result.details.at(0) == "-    repo: https://***@git/x.git");
  CHECK(result.details.at(1) == "+    repo: https://git/x.git");
}
