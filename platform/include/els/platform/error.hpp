#pragma once

#include <stdexcept>
#include <string>

namespace els::platform {

// The platform layer's one error type. Messages name the file, key or method involved and never
// carry personal data; the kiosk maps errors to what a student can act on.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// What went wrong talking to USOS; drives retries here and the "service unavailable" state above.
enum class UsosErrorKind {
    Network,     // connection refused/reset/dropped, DNS
    Timeout,     // no complete answer within request_timeout_ms
    Tls,         // handshake or certificate verification failed
    Http,        // an HTTP error status without a USOS error body
    Usos,        // USOS answered with its error body {"message": ..., "error": ...}
    BadResponse, // malformed JSON or a shape we do not understand
    Cancelled,   // the caller's stop token fired: the request was aborted (or never sent)
};

const char* toString(UsosErrorKind kind) noexcept;

class UsosError : public Error {
public:
    UsosError(UsosErrorKind kind, const std::string& what, int httpStatus = 0,
              std::string usosCode = {}, bool mayHaveReachedServer = true)
        : Error(what), kind_(kind), httpStatus_(httpStatus), usosCode_(std::move(usosCode)),
          mayHaveReachedServer_(mayHaveReachedServer) {}

    UsosErrorKind kind() const noexcept { return kind_; }
    int httpStatus() const noexcept { return httpStatus_; } // 0 when there was no HTTP answer
    const std::string& usosCode() const noexcept { return usosCode_; } // USOS's "error" field
    // False only when the request certainly never reached USOS (refused connection, TLS
    // failure, a USOS refusal): after a non-idempotent call, true means "reconcile first".
    bool mayHaveReachedServer() const noexcept { return mayHaveReachedServer_; }

private:
    UsosErrorKind kind_;
    int httpStatus_;
    std::string usosCode_;
    bool mayHaveReachedServer_;
};

} // namespace els::platform
