#include "els/smartcard/error.hpp"

namespace els::smartcard {

const char* toString(ErrorCode code) noexcept {
    switch (code) {
    case ErrorCode::ServiceUnavailable:
        return "service-unavailable";
    case ErrorCode::NoReaders:
        return "no-readers";
    case ErrorCode::ReaderUnavailable:
        return "reader-unavailable";
    case ErrorCode::NoCard:
        return "no-card";
    case ErrorCode::CardRemoved:
        return "card-removed";
    case ErrorCode::CardReset:
        return "card-reset";
    case ErrorCode::CardUnresponsive:
        return "card-unresponsive";
    case ErrorCode::CardUnsupported:
        return "card-unsupported";
    case ErrorCode::TransactionFailed:
        return "transaction-failed";
    case ErrorCode::Timeout:
        return "timeout";
    case ErrorCode::Cancelled:
        return "cancelled";
    case ErrorCode::UnexpectedStatus:
        return "unexpected-status";
    case ErrorCode::NotElsCard:
        return "not-els-card";
    case ErrorCode::MalformedData:
        return "malformed-data";
    case ErrorCode::Internal:
        return "internal";
    }
    return "unknown";
}

bool isRetriable(ErrorCode code) noexcept {
    switch (code) {
    case ErrorCode::ServiceUnavailable:
    case ErrorCode::NoReaders:
    case ErrorCode::ReaderUnavailable:
    case ErrorCode::NoCard:
    case ErrorCode::CardRemoved:
    case ErrorCode::CardReset:
    case ErrorCode::CardUnresponsive:
    case ErrorCode::TransactionFailed:
    case ErrorCode::Timeout:
        return true;
    default:
        return false;
    }
}

} // namespace els::smartcard
