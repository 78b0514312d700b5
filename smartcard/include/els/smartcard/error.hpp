#pragma once

#include <stdexcept>
#include <string>

namespace els::smartcard {

// Everything the card layer can report. Retriable codes come from the world (a card pulled,
// a reader unplugged); the others mean the card's data or our code are wrong.
enum class ErrorCode {
    ServiceUnavailable, // pcscd not running / not reachable
    NoReaders,          // no reader connected
    ReaderUnavailable,  // the named reader is gone or unusable
    NoCard,             // no card in the reader
    CardRemoved,        // card pulled while we were talking to it
    CardReset,          // someone else reset the card
    CardUnresponsive,   // card mute, unpowered, too slow, or nonsense at the transport level
    CardUnsupported,    // the card's ATR is invalid or offers no protocol the reader speaks
    TransactionFailed,  // could not get or keep exclusive access
    Timeout,            // PC/SC wait timed out
    Cancelled,          // SCardCancel
    UnexpectedStatus,   // the card answered with a status word that the protocol forbids
    NotElsCard,         // the ELS application or its data file is missing
    MalformedData,      // bytes that do not parse as an ELS document
    Internal,           // a bug or an unexpected PC/SC code
};

const char* toString(ErrorCode code) noexcept;
bool isRetriable(ErrorCode code) noexcept;

class Error : public std::runtime_error {
public:
    Error(ErrorCode code, const std::string& what) : std::runtime_error(what), code_(code) {}
    ErrorCode code() const noexcept { return code_; }

private:
    ErrorCode code_;
};

} // namespace els::smartcard
