#pragma once

#include <els/ui/preview-states.hpp>
#include <gtest/gtest.h>
#include <string>

namespace els::ui {

// The preview state called `name` (previewStates(), kebab-case); a test failure and an empty state
// when there is none.
inline kiosk::ScreenState preview(const std::string& name) {
    for (const auto& [stateName, state] : previewStates())
        if (stateName == name)
            return state;
    ADD_FAILURE() << "no preview state " << name;
    return {};
}

} // namespace els::ui
