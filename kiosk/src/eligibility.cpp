#include "els/kiosk/eligibility.hpp"

#include "els/kiosk/problem-text.hpp"

#include <QString>
#include <algorithm>
#include <cctype>

namespace els::kiosk {

using platform::McardStatus;

namespace {

bool isDash(QChar c) {
    return c == u'-' || c == u'\u2010' || c == u'\u2011' || c == u'\u2012' || c == u'\u2013' ||
           c == u'\u2014' || c == u'\u2212';
}

std::string joined(const std::vector<std::string>& parts) {
    std::string text;
    for (const auto& part : parts)
        text += (text.empty() ? "" : " ") + part;
    return text;
}

std::string hexDigits(std::string_view uid) {
    std::string digits;
    for (const unsigned char c : uid) {
        if (std::isxdigit(c)) {
            digits += static_cast<char>(std::toupper(c));
        } else if (c != ' ' && c != ':' && c != '-') {
            return {}; // not a hex UID at all: match nothing rather than a fragment
        }
    }
    return digits;
}

bool isActive(McardStatus status) {
    return status == McardStatus::Pending || status == McardStatus::InProgress ||
           status == McardStatus::Ready || status == McardStatus::Received;
}

bool hasText(const std::optional<std::string>& text) {
    return text && !text->empty();
}

} // namespace

Eligibility Eligibility::refused(Problem problem) {
    return Eligibility{Verdict::Refused, problem, problemSentence(problem), std::nullopt};
}

std::string normalizeName(std::string_view text) {
    const QString nfc = QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()))
                            .normalized(QString::NormalizationForm_C)
                            .toCaseFolded();
    QString out;
    bool pendingSpace = false;
    for (const QChar c : nfc) {
        if (c.isSpace() || isDash(c)) {
            pendingSpace = !out.isEmpty();
            continue;
        }
        if (pendingSpace)
            out += u' ';
        pendingSpace = false;
        out += c;
    }
    return out.toStdString();
}

bool sameChipUid(std::string_view a, std::string_view b) {
    const auto left = hexDigits(a);
    return !left.empty() && left == hexDigits(b);
}

bool surnamesMatch(const std::vector<std::string>& chipSurnames, std::string_view usosLastName) {
    const auto chip = normalizeName(joined(chipSurnames));
    return !chip.empty() && chip == normalizeName(usosLastName);
}

bool givenNamesMatch(const std::vector<std::string>& chipGivenNames, std::string_view usosFirstName,
                     std::string_view usosMiddleNames) {
    const auto chip = normalizeName(joined(chipGivenNames));
    const auto usos =
        normalizeName(std::string(usosFirstName) + " " + std::string(usosMiddleNames));
    return !chip.empty() && chip == usos;
}

std::optional<platform::McardOrder> activeOrder(const platform::McardInfo& mcard) {
    std::optional<platform::McardOrder> newest;
    for (const auto& order : mcard.orders) {
        if (!isActive(order.status))
            continue;
        // Ids grow with time in USOS; dates may be missing from the list.
        const auto idValue = [](const std::string& id) {
            return QString::fromStdString(id).toLongLong();
        };
        if (!newest || idValue(order.id) > idValue(newest->id))
            newest = order;
    }
    return newest;
}

std::optional<Eligibility> checkCard(const smartcard::VerifiedEls& card,
                                     std::chrono::year_month_day today) {
    if (!card.verified())
        return Eligibility::refused(Problem::SignatureInvalid);
    if (!smartcard::isExtended(card.data, today))
        return Eligibility::refused(Problem::CardNotExtended);
    return std::nullopt;
}

Eligibility checkEligibility(const smartcard::VerifiedEls& card, std::chrono::year_month_day today,
                             const UsosStudent& usos) {
    if (auto refusal = checkCard(card, today))
        return *refusal;
    const auto& chip = card.data;
    const auto& user = usos.user;

    const auto usosCard = std::find_if(usos.cards.begin(), usos.cards.end(), [&](const auto& c) {
        return sameChipUid(c.contactChipUid, chip.chipSerial);
    });
    if (usosCard == usos.cards.end())
        return Eligibility::refused(Problem::CardUnknown);
    if (!usosCard->expirationDate || *usosCard->expirationDate < today)
        return Eligibility::refused(Problem::CardNotExtendedInUsos);

    if (!user.isActiveStudent())
        return Eligibility::refused(Problem::StudentInactive);
    if (!hasText(user.pesel) || chip.pesel.empty())
        return Eligibility::refused(Problem::NoPesel);
    if (user.studentNumber.empty())
        return Eligibility::refused(Problem::NoAlbumNumber);
    if (!user.hasPhoto)
        return Eligibility::refused(Problem::NoPhoto);

    if (*user.pesel != chip.pesel || user.studentNumber != chip.albumNumber)
        return Eligibility::refused(Problem::DataChanged);
    if (!surnamesMatch(chip.surnames, user.lastName))
        return Eligibility::refused(Problem::SurnameChanged);
    if (!givenNamesMatch(chip.givenNames, user.firstName, user.middleNames))
        return Eligibility::refused(Problem::GivenNamesChanged);

    // An existing order is not a refusal even though USOS's why_cannot_order mentions it.
    if (auto order = activeOrder(usos.mcard))
        return Eligibility{Verdict::HasOrder, Problem::None, {}, std::move(order)};
    if (usos.mcard.whyCannotOrder) {
        const auto& why = *usos.mcard.whyCannotOrder;
        return Eligibility{Verdict::Refused, Problem::UsosRefused, {why.pl, why.en}, std::nullopt};
    }
    return Eligibility{Verdict::MayOrder, Problem::None, {}, std::nullopt};
}

} // namespace els::kiosk
