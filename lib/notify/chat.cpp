#include "notify/chat.hpp"

#include "yaml/document.hpp"

namespace handoff::notify {

std::map<std::string, ChatIds> chat_ids(const workspace::Workspace& ws)
{
  std::map<std::string, ChatIds> out;
  const io::ReadResult file = ws.fs().read(ws.config().file, ws.load_options().max_file_size);
  if (!file.ok) {
    return out;
  }
  const yaml::ParseResult parsed = yaml::parse(file.data, ws.load_options().limits);
  const yaml::Node* people = parsed.ok ? parsed.root.find("people") : nullptr;
  if (people == nullptr || !people->is_sequence()) {
    return out;
  }
  const auto text = [](const yaml::Node* node, const char* key) {
    const yaml::Node* value = node != nullptr ? node->find(key) : nullptr;
    return value != nullptr && value->is_scalar() ? value->value : std::string();
  };
  for (const auto& person : people->children) {
    const yaml::Node* id = person.is_mapping() ? person.find("id") : nullptr;
    const yaml::Node* chat = person.is_mapping() ? person.find("chat") : nullptr;
    if (id == nullptr || !id->is_scalar() || chat == nullptr || !chat->is_mapping()) {
      continue;
    }
    out.try_emplace(id->value, ChatIds{text(chat, "dingtalk"), text(chat, "mobile"), text(chat, "feishu"),
                                       text(chat, "wecom"), text(chat, "slack")});
  }
  return out;
}

}  // namespace handoff::notify
