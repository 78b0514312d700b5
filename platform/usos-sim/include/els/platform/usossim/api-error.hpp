#pragma once

#include <QJsonObject>
#include <optional>
#include <stdexcept>
#include <string>

namespace els::platform::usossim {

// A USOS text in both languages (UTF-8).
struct LangDict {
    std::string pl;
    std::string en;

    QJsonObject toJson() const;
};

// An error answered the way USOS answers it: an HTTP status and a JSON body
// {"message": ..., "error": ..., ["param_name": ...], ["user_messages": {"generic_message":
// LangDict}]}.
class ApiError : public std::runtime_error {
public:
    ApiError(int httpStatus, std::string code, const std::string& message);

    ApiError& withParam(std::string name);
    ApiError& withUserMessage(LangDict text);

    int httpStatus() const { return httpStatus_; }
    const std::string& code() const { return code_; }
    QJsonObject toJson() const;

private:
    int httpStatus_;
    std::string code_;
    std::string paramName_;
    std::optional<LangDict> userMessage_;
};

// Configuration or seed problems that stop the simulator from starting.
class SimError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

} // namespace els::platform::usossim
