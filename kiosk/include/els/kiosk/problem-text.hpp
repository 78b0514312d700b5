#pragma once

#include "els/kiosk/screen-state.hpp"

#include <string_view>
#include <vector>

// Every sentence the kiosk says to a student, in plain Polish and English, in one table: the
// screens (ScreenModel picks the language), kioskctl and the JSON `reason` all read it here.
namespace els::kiosk {

// The stable code of a problem ("card_not_extended"): JSON output, logs, metrics. Found by
// ADL, so a Problem can be logged directly as an event field.
const char* toString(Problem problem) noexcept;

struct ProblemText {
    LocalizedText title;  // what happened, as a heading
    LocalizedText advice; // what to do; empty for UsosRefused (USOS's own reason goes there)
};

const ProblemText& problemText(Problem problem);

// Title and advice as one text ("Legitymacja nie jest przedłużona. Przedłuż …"), for a line of
// output and the `reason` of a refusal or failure.
LocalizedText problemSentence(Problem problem);

// A human name for a USOS order status, lower case for use inside a sentence ("pending" →
// "oczekujące" / "pending"); an unknown status is returned unchanged in both languages, so
// nothing is hidden from the student.
LocalizedText orderStatusText(std::string_view status);

// 0 = pending, 1 = in progress, 2 = ready (or received); -1 for any other status.
int orderStep(std::string_view status);

// The mObywatel steps shown beside the QR code, in order.
const std::vector<LocalizedText>& mObywatelSteps();

// The goodbye screen after a session, by the order status the session ended with
// (ScreenState::orderStatus): what was achieved ("Zamówienie anulowane"), or a neutral
// goodbye when nothing was (a refusal, "Zakończ" without an order) — thanks only for a success.
struct GoodbyeText {
    bool success = false; // a ✓ and thanks: an order exists, was cancelled or revoked
    LocalizedText title;
    LocalizedText body;
};
GoodbyeText goodbyeText(std::string_view orderStatus);

} // namespace els::kiosk
