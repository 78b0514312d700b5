#include "failure.hpp"

#include "command.hpp"
#include "els/smartcard/error.hpp"

#include <cstdio>

namespace els::kiosk::kioskctl {

namespace {
using smartcard::ErrorCode;

struct Verdict {
    int exitCode;
    const char* summary;
};

Verdict verdictFor(ErrorCode code) {
    switch (code) {
    case ErrorCode::ServiceUnavailable:
        return {exitNoReader, "pcscd is not running"};
    case ErrorCode::NoReaders:
        return {exitNoReader, "no card reader connected"};
    case ErrorCode::ReaderUnavailable:
        return {exitNoReader, "reader unavailable"};
    case ErrorCode::NoCard:
        return {exitNoCard, "no card in the reader"};
    case ErrorCode::CardRemoved:
        return {exitNoCard, "card removed"};
    case ErrorCode::CardReset:
        return {exitNoCard, "card was reset by another program"};
    case ErrorCode::CardUnresponsive:
        return {exitCardUnresponsive,
                "card does not answer: take it out, check it and insert it again"};
    case ErrorCode::CardUnsupported:
        return {exitCardUnsupported, "card not usable: its answer to reset (ATR) is invalid"};
    case ErrorCode::NotElsCard:
        return {exitMalformed, "not an ELS card"};
    case ErrorCode::MalformedData:
        return {exitMalformed, "malformed card data"};
    case ErrorCode::UnexpectedStatus:
        return {exitMalformed, "card refused a command"};
    case ErrorCode::TransactionFailed:
        return {exitOther, "card is in use by another program"};
    case ErrorCode::Timeout:
        return {exitOther, "card reader timed out"};
    case ErrorCode::Cancelled:
        return {exitOther, "cancelled"};
    case ErrorCode::Internal:
        break;
    }
    return {exitOther, "error"};
}
} // namespace

int reportFailure(std::exception_ptr failure) noexcept {
    try {
        std::rethrow_exception(failure);
    } catch (const smartcard::Error& e) {
        const auto verdict = verdictFor(e.code());
        std::fprintf(stderr, "kioskctl: %s (%s)\n", verdict.summary, e.what());
        return verdict.exitCode;
    } catch (const UsageError& e) {
        std::fprintf(stderr, "kioskctl: %s (try kioskctl help)\n", e.what());
        return exitUsage;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "kioskctl: %s\n", e.what());
    } catch (...) {
        std::fputs("kioskctl: unknown failure\n", stderr);
    }
    return exitOther;
}

} // namespace els::kiosk::kioskctl
