// The labels and annotations intentctl puts on the objects render writes, and
// the key under which an expectation ConfigMap holds its expectation. render
// writes them; render --fn, validate, publish (the commits' Intent-Id
// trailers) and verify read them back, so they are spelled here once.
#pragma once

namespace intentctl {

inline constexpr const char* kManagedByLabel = "app.kubernetes.io/managed-by";
inline constexpr const char* kManagedByValue = "intentctl";
inline constexpr const char* kIdLabel = "expectation.nephio.org/id";
inline constexpr const char* kTypeLabel = "expectation.nephio.org/type";
inline constexpr const char* kObjectTypeLabel = "expectation.nephio.org/object-type";
inline constexpr const char* kSiteAnnotation = "deployment.nephio.org/site";
inline constexpr const char* kIntentAnnotation = "expectation.nephio.org/intent-id";
inline constexpr const char* kExpectationJsonKey = "expectation.json";

} // namespace intentctl
