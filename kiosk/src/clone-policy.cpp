#include "els/kiosk/clone-policy.hpp"

#include "els/platform/config.hpp"

#include <algorithm>

namespace els::kiosk {

using platform::ActivationCodeChannel;
using platform::McardOrder;
using platform::McardStatus;

ClonePolicy ClonePolicy::fromConfig(const platform::Config& config) {
    ClonePolicy policy;
    policy.activationCode = config.mail.activationCode;
    policy.notify = config.mail.notify;
    policy.maxReordersPerDay = config.clone.maxReordersPerDay;
    if (!config.clone.chipSerialApdu.empty())
        policy.chipSerialCommand = smartcard::parseCommandApdu(config.clone.chipSerialApdu);
    return policy;
}

const char* toString(ActivationDelivery delivery) noexcept {
    switch (delivery) {
    case ActivationDelivery::Screen:
        return "code_on_screen";
    case ActivationDelivery::Email:
        return "code_by_email";
    case ActivationDelivery::Refuse:
        return "code_needs_email";
    }
    return "code_unknown";
}

ActivationDelivery deliveryFor(const ClonePolicy& policy, bool hasEmail) noexcept {
    switch (policy.activationCode) {
    case ActivationCodeChannel::Screen:
        return ActivationDelivery::Screen;
    case ActivationCodeChannel::Email:
        return hasEmail ? ActivationDelivery::Email : ActivationDelivery::Refuse;
    case ActivationCodeChannel::EmailElseScreen:
        return hasEmail ? ActivationDelivery::Email : ActivationDelivery::Screen;
    }
    return ActivationDelivery::Refuse; // an unknown channel never shows the code
}

const char* toString(Operation operation) noexcept {
    switch (operation) {
    case Operation::Order:
        return "order";
    case Operation::Cancel:
        return "cancel";
    case Operation::Revoke:
        return "revoke";
    }
    return "unknown";
}

bool noticeDue(const ClonePolicy& policy, Operation operation, bool hasEmail) noexcept {
    if (!policy.notify || !hasEmail)
        return false;
    return !(operation == Operation::Order &&
             deliveryFor(policy, hasEmail) == ActivationDelivery::Email);
}

int ordersPlacedOn(const std::vector<McardOrder>& orders,
                   std::chrono::year_month_day day) noexcept {
    return static_cast<int>(std::count_if(orders.begin(), orders.end(), [&](const McardOrder& o) {
        return o.status != McardStatus::Error && (!o.orderDate || *o.orderDate == day);
    }));
}

bool needsOrderDates(const std::vector<McardOrder>& orders) noexcept {
    return std::any_of(orders.begin(), orders.end(), [](const McardOrder& o) {
        return !o.orderDate && o.status != McardStatus::Error;
    });
}

bool mayReorder(const std::vector<McardOrder>& orders, std::chrono::year_month_day today,
                int maxReordersPerDay) noexcept {
    return ordersPlacedOn(orders, today) <= std::max(maxReordersPerDay, 0);
}

} // namespace els::kiosk
