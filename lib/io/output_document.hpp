// The JSON documents intentctl writes for machines: validate, check, publish
// and verify with --format json, and translate's --delta file. Each is one
// object that starts with apiVersion (intentctl/v1alpha1) and a kind of its
// own; the reports go on with a status word and end with the errors that
// stopped the command.
// Their JSON Schemas ship with intentctl (schemas/, installed into
// share/intentctl/schemas); the man pages describe them under JSON OUTPUT.
#pragma once

#include <string_view>

#include "core/error.hpp"
#include "io/node.hpp"

namespace intentctl {

inline constexpr std::string_view kOutputApiVersion = "intentctl/v1alpha1";

// The kinds whose documents list one record per site.
inline constexpr std::string_view kPublishKind = "PublishReport";
inline constexpr std::string_view kVerifyKind = "VerifyReport";

// {"apiVersion": ..., "kind": kind}: the head of every document.
Node output_document(std::string_view kind);

// {"apiVersion", "kind", "status": "pass", "sites": [], "errors": []}: the
// frame of publish's and verify's documents, and what they print when an
// error stops them before any site is done.
Node site_records_document(std::string_view kind);

// The frames of publish's and verify's documents.
inline Node empty_publish_document() { return site_records_document(kPublishKind); }
inline Node empty_verify_document() { return site_records_document(kVerifyKind); }

// An error as an item of a document's "errors": message, and the file, line,
// column and JSON path when they are known.
Node error_item(const Error& error);

// What a command prints in JSON mode when an error stops it: the document it
// prints when it found nothing (empty), with status "error" and the error in
// its "errors" list.
Node error_document(Node empty, const Error& error);

} // namespace intentctl
