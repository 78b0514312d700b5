#pragma once

#include "els/kiosk/screen-state.hpp"

#include <vector>

namespace els::kiosk {

// The stable code of a problem ("card_not_extended"): JSON output, logs, metrics. Found by
// ADL, so a Problem can be logged directly as an event field.
const char* toString(Problem problem) noexcept;

// What happened and what the student should do, in plain Polish and English.
LocalizedText problemText(Problem problem);

// The mObywatel steps shown beside the QR code, in order.
const std::vector<LocalizedText>& mObywatelSteps();

} // namespace els::kiosk
