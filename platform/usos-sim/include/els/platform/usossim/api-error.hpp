#pragma once

#include <QJsonObject>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace els::platform::usossim {

// A USOS text in both languages (UTF-8).
struct LangDict {
    std::string pl;
    std::string en;

    QJsonObject toJson() const;
};

// An error answered the way USOS answers it: an HTTP status and a JSON body
// {"message": ..., "error": ..., ["param_name": ...], ["field_name": ..., "method_name": ...],
// ["user_messages": {"generic_message": LangDict}]} (keys as listed at
// https://apps.usos.edu.pl/developers/api/definitions/errors/).
class ApiError : public std::runtime_error {
public:
    ApiError(int httpStatus, std::string code, const std::string& message);

    ApiError& withParam(std::string name);
    ApiError& withField(std::string name);         // field_not_found / field_invalid
    ApiError& withMethod(std::string_view method); // method_name, with withField
    ApiError& withUserMessage(LangDict text);

    int httpStatus() const { return httpStatus_; }
    const std::string& code() const { return code_; }
    QJsonObject toJson() const;

private:
    int httpStatus_;
    std::string code_;
    std::string paramName_;
    std::string fieldName_;
    std::string methodName_;
    std::optional<LangDict> userMessage_;
};

// Configuration or seed problems that stop the simulator from starting.
class SimError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

} // namespace els::platform::usossim
