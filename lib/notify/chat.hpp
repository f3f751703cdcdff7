#pragma once

#include <map>
#include <string>

#include "workspace/workspace.hpp"

// The people's ids in the team chats (`people[].chat` of handoff.yaml), for the @ mentions of
// `handoff notify`.
namespace handoff::notify {

struct ChatIds {
  std::string dingtalk;  // DingTalk user id (at.atUserIds)
  std::string mobile;    // mobile number DingTalk mentions by (at.atMobiles)
  std::string feishu;    // Feishu user id (open_id or user_id)
  std::string wecom;     // WeCom user id (<@userid>)
  std::string slack;     // Slack member id (<@U123ABC>)
};

// Returns person id -> chat ids, read from handoff.yaml; a field that is not a scalar is left
// empty (`handoff check` reports it against the schema). Empty when handoff.yaml is absent or
// does not parse.
std::map<std::string, ChatIds> chat_ids(const workspace::Workspace& ws);

}  // namespace handoff::notify
