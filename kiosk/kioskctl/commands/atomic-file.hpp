#pragma once

#include <filesystem>
#include <string_view>
#include <sys/types.h>

namespace els::kiosk::kioskctl {

// Writes a temp file in the same folder, fsyncs it and renames it over `file`, so readers
// (node_exporter, the kiosk) see the old or the new content, never half of it.
void writeFileAtomically(const std::filesystem::path& file, std::string_view content, mode_t mode);

} // namespace els::kiosk::kioskctl
