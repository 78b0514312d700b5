// kioskctl read-card: read the ELS files, verify them and tell whether the card is extended.
// Qt-free, like everything kioskctl itself runs (see main.cpp).
#include "arg-reader.hpp"
#include "calendar.hpp"
#include "command.hpp"
#include "els/platform/clock.hpp"
#include "els/smartcard/els-application.hpp"
#include "els/smartcard/error.hpp"
#include "els/smartcard/pcsc.hpp"
#include "els/smartcard/verify.hpp"
#include "json-writer.hpp"
#include "reader-choice.hpp"

#include <cstdio>
#include <optional>

namespace els::kiosk::kioskctl {

namespace {

struct ReadCardOptions {
    std::optional<std::string> reader;
    std::string trust;
    bool json = false;
    std::optional<std::chrono::year_month_day> today;
};

ReadCardOptions parse(const Args& args) {
    ReadCardOptions options;
    for (ArgReader in(args); in.next();) {
        if (in.is("--reader")) {
            options.reader = in.value();
        } else if (in.is("--trust")) {
            options.trust = in.value();
        } else if (in.is("--json")) {
            options.json = true;
        } else if (in.is("--today")) {
            options.today = parseDate(in.value());
        } else {
            throw UsageError("read-card: unknown argument " + in.current());
        }
    }
    if (options.trust.empty())
        throw UsageError("read-card needs --trust PEM_FILE_OR_DIR");
    return options;
}

std::string joined(const std::vector<std::string>& parts) {
    std::string text;
    for (const auto& part : parts)
        text += (text.empty() ? "" : " ") + part;
    return text;
}

void printJson(const smartcard::VerifiedEls& result, bool extended, unsigned apduCount) {
    const auto& data = result.data;
    JsonObject json;
    json.add("signature", result.signatureValid ? "valid" : "invalid")
        .add("trusted", result.trusted)
        .add("signer", result.signerSubject)
        .add("chip_serial", data.chipSerial)
        .add("university", data.university)
        .add("surnames", data.surnames)
        .add("given_names", data.givenNames)
        .add("album_number", data.albumNumber)
        .add("university_code", data.universityCode)
        .add("pesel", data.pesel)
        .add("valid_until", platform::isoDate(data.validUntil))
        .add("extended", extended)
        .add("content_type", result.contentType)
        .add("apdu_count", static_cast<unsigned long>(apduCount));
    std::printf("%s\n", json.str().c_str());
}

void printSummary(const smartcard::VerifiedEls& result, bool extended, unsigned apduCount,
                  std::chrono::year_month_day today) {
    const auto& data = result.data;
    std::printf("Signature:       %s, %s\n", result.signatureValid ? "valid" : "INVALID",
                result.trusted ? "trusted signer" : "signer NOT trusted");
    std::printf("Signer:          %s\n", result.signerSubject.c_str());
    std::printf("University:      %s\n", data.university.c_str());
    std::printf("Name:            %s %s\n", joined(data.givenNames).c_str(),
                joined(data.surnames).c_str());
    std::printf("Album number:    %s\n", data.albumNumber.c_str());
    std::printf("University code: %s\n", data.universityCode.c_str());
    std::printf("PESEL:           %s\n", data.pesel.c_str());
    std::printf("Chip serial:     %s\n", data.chipSerial.c_str());
    std::printf("Valid until:     %s (%s as of %s, Europe/Warsaw)\n",
                platform::isoDate(data.validUntil).c_str(), extended ? "extended" : "NOT extended",
                platform::isoDate(today).c_str());
    std::printf("Content type:    %s\n", result.contentType.c_str());
    std::printf("APDUs:           %u\n", apduCount);
}
} // namespace

int runReadCard(const Args& args) {
    const auto options = parse(args);
    const auto today =
        options.today ? *options.today : warsawDate(std::chrono::system_clock::now());
    // Load the anchors first: a typo in --trust should not wait for a card.
    const auto anchors = smartcard::TrustStore::load(options.trust);

    const smartcard::Context context;
    auto card = context.connect(chooseReader(context, options.reader.value_or("")));
    const auto files = smartcard::readElsFiles(card);
    const auto result = smartcard::verifyEls(files.els, files.certificate, anchors,
                                             std::chrono::system_clock::now());
    const bool extended = smartcard::isExtended(result.data, today);

    if (options.json) {
        printJson(result, extended, files.apduCount);
    } else {
        printSummary(result, extended, files.apduCount, today);
    }
    if (!result.verified()) {
        std::fprintf(stderr, "kioskctl: card data not verified: %s\n", result.problem.c_str());
        return exitSignature;
    }
    if (!extended) {
        std::fprintf(stderr, "kioskctl: card not extended: valid until %s, today is %s\n",
                     platform::isoDate(result.data.validUntil).c_str(),
                     platform::isoDate(today).c_str());
        return exitNotExtended;
    }
    return exitOk;
}

} // namespace els::kiosk::kioskctl
