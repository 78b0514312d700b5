#pragma once

#include <els/kiosk/screen-state.hpp>
#include <string>
#include <vector>

namespace els::ui {

struct NamedState {
    std::string name; // kebab-case, used for file names and tests
    kiosk::ScreenState state;
};

// One state per screen (two for Problem) filled with fake data: "Zofia", a made-up token and
// activation code. Used by --preview-screens, the screenshots and the QML tests.
std::vector<NamedState> previewStates();

} // namespace els::ui
