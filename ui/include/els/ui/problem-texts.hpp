#pragma once

#include <els/kiosk/screen-state.hpp>
#include <string_view>

namespace els::ui {

// What happened and what to do about it, in words a student in a hurry understands.
struct ProblemText {
    kiosk::LocalizedText title;
    kiosk::LocalizedText advice;
};

// The single table of student-facing problem sentences (PL and EN).
const ProblemText& problemText(kiosk::Problem problem);

// A human name for an order status from USOS ("pending" -> "Oczekujące"); unknown statuses are
// returned unchanged in both languages so nothing is hidden from the student.
kiosk::LocalizedText orderStatusText(std::string_view status);

// 0 = pending, 1 = in progress, 2 = ready (or received); -1 for any other status.
int orderStep(std::string_view status);

} // namespace els::ui
