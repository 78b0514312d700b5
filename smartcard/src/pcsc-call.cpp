#include "pcsc-call.hpp"

#include <cstdio>
#include <string>

namespace els::smartcard::detail {

ErrorCode errorCodeFor(LONG result) noexcept {
    switch (result) {
    case SCARD_E_NO_SERVICE:
    case SCARD_E_SERVICE_STOPPED:
    case SCARD_E_SERVER_TOO_BUSY:
        return ErrorCode::ServiceUnavailable;
    case SCARD_E_NO_READERS_AVAILABLE:
        return ErrorCode::NoReaders;
    case SCARD_E_UNKNOWN_READER:
    case SCARD_E_READER_UNAVAILABLE:
    case SCARD_E_READER_UNSUPPORTED:
    case SCARD_F_COMM_ERROR:
        return ErrorCode::ReaderUnavailable;
    case SCARD_E_NO_SMARTCARD:
        return ErrorCode::NoCard;
    case SCARD_W_REMOVED_CARD:
        return ErrorCode::CardRemoved;
    case SCARD_W_RESET_CARD:
        return ErrorCode::CardReset;
    case SCARD_W_UNRESPONSIVE_CARD:
    case SCARD_W_UNPOWERED_CARD:
    case SCARD_E_COMM_DATA_LOST:
        return ErrorCode::CardUnresponsive;
    // pcscd could not make sense of the ATR, or it offers neither T=0 nor T=1.
    case SCARD_W_UNSUPPORTED_CARD:
    case SCARD_E_CARD_UNSUPPORTED:
    case SCARD_E_PROTO_MISMATCH:
        return ErrorCode::CardUnsupported;
    case SCARD_E_TIMEOUT:
        return ErrorCode::Timeout;
    case SCARD_E_CANCELLED:
    case SCARD_E_SYSTEM_CANCELLED:
        return ErrorCode::Cancelled;
    case SCARD_E_SHARING_VIOLATION:
    case SCARD_E_NOT_TRANSACTED:
        return ErrorCode::TransactionFailed;
    default:
        return ErrorCode::Internal;
    }
}

void throwPcscError(const char* where, LONG result) {
    char code[16];
    std::snprintf(code, sizeof code, "0x%08lX", static_cast<unsigned long>(result) & 0xFFFFFFFFUL);
    throw Error(errorCodeFor(result),
                std::string(where) + ": " + pcsc_stringify_error(result) + " (" + code + ')');
}

std::vector<std::string> listReaders(SCARDCONTEXT context) {
    for (;;) {
        DWORD length = 0;
        if (scard("SCardListReaders", {SCARD_E_NO_READERS_AVAILABLE}, SCardListReaders, context,
                  nullptr, nullptr, &length) == SCARD_E_NO_READERS_AVAILABLE) {
            return {};
        }
        std::string buffer(length, '\0');
        // Readers may come or go between the two calls; then just ask again.
        const LONG result =
            scard("SCardListReaders", {SCARD_E_NO_READERS_AVAILABLE, SCARD_E_INSUFFICIENT_BUFFER},
                  SCardListReaders, context, nullptr, buffer.data(), &length);
        if (result == SCARD_E_NO_READERS_AVAILABLE)
            return {};
        if (result == SCARD_E_INSUFFICIENT_BUFFER)
            continue;
        std::vector<std::string> readers;
        for (std::size_t pos = 0; pos < buffer.size() && buffer[pos] != '\0';) {
            readers.emplace_back(buffer.c_str() + pos);
            pos += readers.back().size() + 1;
        }
        return readers;
    }
}

} // namespace els::smartcard::detail
