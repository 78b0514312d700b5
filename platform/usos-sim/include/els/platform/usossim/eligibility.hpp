#pragma once

#include "els/platform/usossim/api-error.hpp"
#include "els/platform/usossim/store.hpp"

#include <QDate>
#include <optional>
#include <vector>

// The simulator's own version of USOS's rules for mLegitymacja orders; the seed's scenarios
// are built to hit each of them.
namespace els::platform::usossim {

// The first rule that fails, in USOS's words, or nullopt when the student may order.
std::optional<LangDict> whyCannotOrder(const User& user, const std::vector<Card>& cards,
                                       const std::vector<Order>& orders, QDate today);
// Nullopt when some order can be cancelled or revoked.
std::optional<LangDict> whyCannotRevoke(const std::vector<Order>& orders);

} // namespace els::platform::usossim
