#include "els/platform/usossim/eligibility.hpp"

#include "els/platform/usossim/orders.hpp"

#include <algorithm>

namespace els::platform::usossim {
namespace {

constexpr int activeStudent = 2;

bool hasActiveOrder(const std::vector<Order>& orders) {
    return std::any_of(orders.begin(), orders.end(),
                       [](const Order& o) { return isActiveStatus(o.status); });
}

} // namespace

std::optional<LangDict> whyCannotOrder(const User& user, const std::vector<Card>& cards,
                                       const std::vector<Order>& orders, QDate today) {
    if (user.studentStatus != activeStudent)
        return LangDict{
            "Nie masz statusu aktywnego studenta, więc nie możesz zamówić mLegitymacji.",
            "You are not an active student, so you cannot order an mLegitymacja."};
    if (!user.pesel || user.pesel->empty())
        return LangDict{"W systemie USOS brakuje Twojego numeru PESEL.",
                        "Your PESEL number is missing in USOS."};
    if (!user.studentNumber || user.studentNumber->empty())
        return LangDict{"W systemie USOS brakuje Twojego numeru albumu.",
                        "Your student number is missing in USOS."};
    if (!user.hasPhoto)
        return LangDict{"W systemie USOS brakuje Twojego zdjęcia do legitymacji.",
                        "There is no ID photo of you in USOS."};
    const std::string todayText = today.toString(Qt::ISODate).toStdString();
    const bool validCard = std::any_of(cards.begin(), cards.end(), [&](const Card& c) {
        return c.expirationDate >= todayText; // ISO dates compare as text
    });
    if (!validCard)
        return LangDict{"Nie masz ważnej (przedłużonej) legitymacji studenckiej.",
                        "You do not have a valid (extended) student ID card."};
    if (hasActiveOrder(orders))
        return LangDict{"Masz już aktywne zamówienie mLegitymacji lub wydaną mLegitymację.",
                        "You already have an active mLegitymacja order or an issued mLegitymacja."};
    return std::nullopt;
}

std::optional<LangDict> whyCannotRevoke(const std::vector<Order>& orders) {
    if (hasActiveOrder(orders))
        return std::nullopt;
    return LangDict{"Nie masz mLegitymacji ani zamówienia, które można unieważnić.",
                    "You have no mLegitymacja or order that could be revoked."};
}

} // namespace els::platform::usossim
