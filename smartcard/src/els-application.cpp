#include "els/smartcard/els-application.hpp"

#include "els/smartcard/atr.hpp"
#include "els/smartcard/error.hpp"
#include "els/smartcard/verify.hpp"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <string>

namespace els::smartcard {

namespace {

std::string swText(const ResponseApdu& response) {
    char text[8];
    std::snprintf(text, sizeof text, "%02X%02X", response.sw1, response.sw2);
    return text;
}

std::string fidText(std::uint16_t fid) {
    char text[8];
    std::snprintf(text, sizeof text, "%04X", fid);
    return text;
}

// SW2 of 61xx / 6Cxx counts bytes, with 00 meaning 256.
std::size_t byteCount(std::uint8_t sw2) {
    return sw2 == 0 ? 256 : sw2;
}

// Total size of the DER object at the start of `head` (header included), or nullopt when
// `head` is too short to tell. Accepts every definite length form, also non-minimal ones
// (some encoders pad), and rejects the indefinite form, which DER forbids.
std::optional<std::size_t> derTotalLength(ByteView head, std::size_t maxSize) {
    if (head.empty())
        return std::nullopt;
    if (head[0] != 0x30)
        throw Error(ErrorCode::MalformedData, "file does not start with a DER SEQUENCE");
    if (head.size() < 2)
        return std::nullopt;
    const std::uint8_t first = head[1];
    std::size_t length = first;
    std::size_t headerSize = 2;
    if (first & 0x80) {
        const std::size_t octets = first & 0x7F;
        if (octets == 0)
            throw Error(ErrorCode::MalformedData, "indefinite DER length");
        if (octets > 4)
            throw Error(ErrorCode::MalformedData, "DER length field of absurd size");
        headerSize += octets;
        if (head.size() < headerSize)
            return std::nullopt;
        length = 0;
        for (std::size_t i = 0; i < octets; ++i)
            length = length << 8 | head[2 + i];
    }
    if (length > maxSize || headerSize + length > maxSize) {
        throw Error(ErrorCode::MalformedData, "DER length " + std::to_string(length) +
                                                  " exceeds the " + std::to_string(maxSize) +
                                                  "-byte limit");
    }
    return headerSize + length;
}

class ElsReader {
public:
    ElsReader(ApduChannel& channel, const ReadOptions& options)
        : channel_(channel), options_(options),
          maxLe_(options.extendedLength ? CommandApdu::maxExtendedLe : CommandApdu::maxShortLe),
          deadline_(options.now() + options.deadline) {}

    ElsFiles read() {
        selectApplication();
        ElsFiles files;
        if (!selectFile(elsDataFid)) {
            throw Error(ErrorCode::NotElsCard, "ELS application has no EF.ELS (0002)");
        }
        files.els = readFile(elsDataFid);
        // The certificate file holds the signer's certificate; most signers put it in the
        // SignedData too, and then the file costs 2-4 APDUs for nothing.
        if (signedDataCarriesSignerCertificates(files.els)) {
            files.apduCount = apduCount_;
            return files;
        }
        try {
            if (selectFile(elsCertificateFid))
                files.certificate = readFile(elsCertificateFid);
        } catch (const Error& e) {
            // The certificate may also travel inside the CMS, and its FID is a guess: an
            // unwritten, damaged, protected or differently typed file 0001 must not make the
            // card unreadable. Transport failures (card pulled) still end the read.
            if (e.code() != ErrorCode::MalformedData && e.code() != ErrorCode::UnexpectedStatus)
                throw;
        }
        files.apduCount = apduCount_;
        return files;
    }

private:
    // Every APDU goes through here: the deadline of the whole read also caps how long the
    // channel may wait for this one answer.
    ResponseApdu exchange(const CommandApdu& command) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - options_.now());
        if (left.count() <= 0) {
            throw Error(ErrorCode::CardUnresponsive,
                        "card read not done within " + std::to_string(options_.deadline.count()) +
                            " ms (" + std::to_string(apduCount_) + " APDUs)");
        }
        channel_.setResponseTimeout(std::min(left, options_.apduTimeout));
        ++apduCount_;
        return channel_.transmit(command);
    }

    // A piece of response data smaller than the useful minimum while more is to come.
    void countPiece(std::size_t size, const std::string& where) {
        if (size >= options_.minUsefulChunk || ++tinyPieces_ <= options_.maxTinyPieces)
            return;
        throw Error(ErrorCode::CardUnresponsive, where + ": card hands out its data in pieces of " +
                                                     std::to_string(size) + " bytes (" +
                                                     std::to_string(tinyPieces_) + " such pieces)");
    }

    // T=0 cards announce response data with 61xx; collect it with GET RESPONSE, which may
    // itself end in 61xx while more is left. The pieces are appended, so a long chain costs
    // linear time.
    ResponseApdu withResponseData(ResponseApdu response) {
        while (response.sw1 == 0x61) {
            if (response.data.size() > CommandApdu::maxExtendedLe) {
                throw Error(ErrorCode::CardUnresponsive, "card keeps announcing response data");
            }
            ResponseApdu next = exchange(CommandApdu::getResponse(byteCount(response.sw2)));
            if (next.sw1 == 0x6C) {
                next = exchange(CommandApdu::getResponse(byteCount(next.sw2)));
            }
            // A card that announces data and then hands out none would keep us here forever.
            if (next.sw1 == 0x61 && next.data.empty()) {
                throw Error(ErrorCode::CardUnresponsive,
                            "GET RESPONSE returned no data but announced more (SW " + swText(next) +
                                ')');
            }
            if (next.sw1 == 0x61)
                countPiece(next.data.size(), "GET RESPONSE");
            response.data.insert(response.data.end(), next.data.begin(), next.data.end());
            response.sw1 = next.sw1;
            response.sw2 = next.sw2;
        }
        return response;
    }

    // Tries the SELECT forms in order; later ones are for cards that refuse "no FCI" (P2=0C)
    // or selection of an EF relative to the current DF (P1=02).
    ResponseApdu select(std::initializer_list<CommandApdu> forms) {
        ResponseApdu response;
        for (const auto& form : forms) {
            response = exchange(form);
            const auto sw = response.sw();
            if (sw != 0x6A86 && sw != 0x6A87 && sw != 0x6700 && sw != 0x6A81)
                break;
        }
        // 61xx means FCI is waiting; we do not need it, so it costs no GET RESPONSE.
        if (response.sw1 == 0x61)
            return {{}, 0x90, 0x00};
        return response;
    }

    void selectApplication() {
        const Bytes aid(elsAid.begin(), elsAid.end());
        const auto response =
            select({CommandApdu::selectAid(aid), CommandApdu::select(0x04, 0x00, aid, 256)});
        if (response.isOk())
            return;
        checkNotUnsupported(response, "SELECT");
        if (response.sw() == 0x6A82) {
            throw Error(ErrorCode::NotElsCard, "card has no ELS application");
        }
        throw unexpected(response, "SELECT of the ELS application");
    }

    bool selectFile(std::uint16_t fid) {
        const Bytes id{static_cast<std::uint8_t>(fid >> 8), static_cast<std::uint8_t>(fid)};
        const auto response =
            select({CommandApdu::selectFile(fid), CommandApdu::select(0x00, 0x0C, id),
                    CommandApdu::select(0x02, 0x00, id, 256)});
        if (response.isOk())
            return true;
        if (response.sw() == 0x6A82)
            return false;
        checkNotUnsupported(response, "SELECT");
        throw unexpected(response, "SELECT of EF " + fidText(fid));
    }

    Bytes readFile(std::uint16_t fid) {
        const std::string where = "READ BINARY of EF " + fidText(fid);
        Bytes file;
        std::optional<std::size_t> total;
        bool endOfFile = false;
        while (!endOfFile && (!total || file.size() < *total)) {
            const std::size_t offset = file.size();
            if (offset > 0x7FFF) {
                throw Error(ErrorCode::MalformedData, where + ": file beyond offset 0x7FFF");
            }
            const std::size_t wanted = total ? std::min(*total - offset, maxLe_) : maxLe_;
            auto [response, exactLe] = readChunk(static_cast<std::uint16_t>(offset), wanted, where);
            switch (response.sw()) {
            case 0x9000:
                if (response.data.empty()) {
                    throw Error(ErrorCode::CardUnresponsive, where + ": 9000 without data");
                }
                break;
            case 0x6282: // end of file reached before Ne bytes
                endOfFile = true;
                break;
            case 0x6B00: // offset beyond the end
                if (offset == 0)
                    throw Error(ErrorCode::MalformedData, where + ": file is empty");
                endOfFile = true;
                break;
            default:
                checkNotUnsupported(response, "READ BINARY");
                throw unexpected(response, where);
            }
            file.insert(file.end(), response.data.begin(), response.data.end());
            if (!total)
                total = derTotalLength(file, options_.maxFileSize);
            if (!endOfFile && (!total || file.size() < *total))
                countPiece(response.data.size(), where);
            // 6Cxx names either the card's largest Le or just the bytes left in the file;
            // only the former should shape the following reads.
            if (exactLe && total && offset + *exactLe < *total)
                maxLe_ = std::min(maxLe_, *exactLe);
        }
        if (file.empty())
            throw Error(ErrorCode::MalformedData, where + ": file is empty");
        if (!total) {
            throw Error(ErrorCode::MalformedData, where + ": file ends after " +
                                                      std::to_string(file.size()) +
                                                      " bytes, before its DER header is complete");
        }
        if (file.size() < *total) {
            throw Error(ErrorCode::MalformedData,
                        where + ": file ends after " + std::to_string(file.size()) +
                            " bytes, shorter than the " + std::to_string(*total) +
                            " its DER header says");
        }
        file.resize(*total);
        return file;
    }

    struct Chunk {
        ResponseApdu response;
        std::optional<std::size_t> exactLe; // set when the card answered 6Cxx
    };

    Chunk readChunk(std::uint16_t offset, std::size_t le, const std::string& where) {
        std::optional<std::size_t> exactLe;
        for (;;) {
            auto response = withResponseData(readBinary(offset, le));
            if (response.sw1 == 0x6C && !exactLe) {
                exactLe = byteCount(response.sw2);
                le = *exactLe;
                continue;
            }
            if (response.sw() == 0x6700) {
                // Wrong length without a hint: step down from extended to short, then to the
                // 0xDF that T=0 readers always carry, then halve.
                const std::size_t smaller = le > 256 ? 256 : le > 0xDF ? 0xDF : le / 2;
                if (smaller < options_.minUsefulChunk)
                    throw unexpected(response, where);
                le = smaller;
                maxLe_ = std::min(maxLe_, le);
                continue;
            }
            return {std::move(response), exactLe};
        }
    }

    // A reader that cannot carry extended APDUs (CCID short-APDU level, T=0 TPDU) fails the
    // transfer instead of letting the card answer 6700; the card is still there, so step down
    // to short APDUs as if it had. Anything else, and any short APDU, fails the read.
    ResponseApdu readBinary(std::uint16_t offset, std::size_t le) {
        const auto command = CommandApdu::readBinary(offset, le);
        if (!command.isExtended())
            return exchange(command);
        try {
            return exchange(command);
        } catch (const Error& e) {
            if (e.code() != ErrorCode::TransactionFailed)
                throw;
            return {{}, 0x67, 0x00};
        }
    }

    static void checkNotUnsupported(const ResponseApdu& response, const std::string& command) {
        const auto sw = response.sw();
        if (sw == 0x6E00 || sw == 0x6D00) {
            throw Error(ErrorCode::NotElsCard,
                        "card does not support " + command + " (SW " + swText(response) + ')');
        }
        if (response.sw1 == 0x64 || response.sw1 == 0x65 || response.sw1 == 0x6F) {
            throw Error(ErrorCode::CardUnresponsive,
                        command + " failed inside the card (SW " + swText(response) + ')');
        }
    }

    static Error unexpected(const ResponseApdu& response, const std::string& where) {
        return Error(ErrorCode::UnexpectedStatus,
                     where + ": unexpected status word " + swText(response));
    }

    ApduChannel& channel_;
    const ReadOptions& options_;
    std::size_t maxLe_;
    std::chrono::steady_clock::time_point deadline_;
    unsigned apduCount_ = 0;
    unsigned tinyPieces_ = 0;
};

} // namespace

ElsFiles readElsFiles(ApduChannel& channel, ReadOptions options) {
    auto files = ElsReader(channel, options).read();
    if (options.chipSerialCommand) {
        files.chipSerial = readChipSerial(channel, *options.chipSerialCommand);
        files.apduCount += files.chipSerial->apduCount;
    }
    return files;
}

ElsFiles readElsFiles(Card& card, ReadOptions options) {
    for (bool reconnected = false;; reconnected = true) {
        try {
            // A card that says it takes no extended Lc/Le is not asked; one that says nothing is.
            auto optionsForCard = options;
            if (const auto atr = Atr::parse(card.atr()); atr && atr->extendedLength == false)
                optionsForCard.extendedLength = false;
            const Transaction transaction(card);
            return readElsFiles(static_cast<ApduChannel&>(card), optionsForCard);
        } catch (const Error& e) {
            // Whatever state a mute or dawdling card is in (a GET RESPONSE chain half
            // fetched), the next reader of it starts from a reset.
            if (e.code() == ErrorCode::CardUnresponsive)
                card.resetWhenReleased();
            if (e.code() != ErrorCode::CardReset || reconnected)
                throw;
        }
        // Another application reset the card: PC/SC refuses our handle until it reconnects,
        // and the reset undid our SELECTs, so start over, once.
        card.reconnect();
    }
}

} // namespace els::smartcard
