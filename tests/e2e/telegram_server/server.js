'use strict';
// Telegram Bot API test server for guidebot's end-to-end tests.
//
//   node server.js --port 9000        (or PORT=9000 node server.js)
//
// Starts telegram-test-api 4.2.1 on 127.0.0.1 and corrects the wire-format defects that break
// python-telegram-bot 22 (see /work/shared/TESTING.md):
//   1. getMe lacks `is_bot`;
//   2. messages the bot sends come back with `date` in milliseconds and without `from`
//      (and with the raw request fields, e.g. link_preview_options as a JSON string);
//   3. callback_query updates lack `chat_instance`;
//   4. editMessageText / editMessageReplyMarkup answer `result: null` instead of the message;
//   5. getUpdates answers at once, ignoring `timeout` (Telegram long-polls).
// Methods the bot uses that the package lacks (sendChatAction, setMyCommands, ...) answer
// {ok: true, result: true}; createForumTopic answers a fake topic (ids from 1001 up).
// Prints "telegram-test-api ready on <url>" once listening.
//
// Files, voice messages and copyMessage: see files.js.
//
// Faults, for tests of retries and restarts (client endpoints, like /sendMessage):
//   POST /faults {method, chatId?, status?, times?, delayMs?, retryAfter?}  the bot's next
//        `times` calls of `method` (to `chatId`, if given) answer HTTP `status` (default 500;
//        times -1 = until cleared); 429 comes with `parameters.retry_after` = `retryAfter`
//        seconds (default 1). With `delayMs` the call is held that long first; without a
//        `status` it is then carried out as usual (Telegram slow to answer a message it took);
//   POST /faults/clear  removes them; GET /faults lists them with the calls they hit (`hits`).

const TelegramServer = require('telegram-test-api');
const { routes } = require('telegram-test-api/lib/routes/index');

const BOT_USER = { id: 666, is_bot: true, first_name: 'Test First name', username: 'TestNameBot' };
const ACCEPTED_WITHOUT_EFFECT = [
  'sendChatAction',
  'setMyCommands',
  'deleteMyCommands',
  'getMyCommands',
  'setChatMenuButton',
  'setMyDescription',
  'setMyShortDescription',
  'closeForumTopic',
  'reopenForumTopic',
  'editForumTopic',
];
const faults = [];
let nextTopicId = 1001;

function portFromArgs() {
  const args = process.argv.slice(2);
  const flag = args.indexOf('--port');
  const value = flag >= 0 ? args[flag + 1] : args.find((arg) => /^\d+$/.test(arg));
  return Number(value || process.env.PORT || 9000);
}

// A stored bot message as the Bot API returns it: seconds, a sender, no request-only fields.
function asMessage(stored) {
  const raw = stored.message;
  const message = {
    message_id: stored.messageId,
    date: Math.floor(stored.time / 1000),
    chat: Number(raw.chat_id) < 0
      ? { id: Number(raw.chat_id), type: 'supergroup', title: 'Group', is_forum: true }
      : { id: Number(raw.chat_id), type: 'private', first_name: 'Bot' },
    from: BOT_USER,
    text: raw.text,
  };
  if (raw.message_thread_id) {
    message.message_thread_id = Number(raw.message_thread_id);
    message.is_topic_message = true;
  }
  if (raw.reply_markup && 'inline_keyboard' in raw.reply_markup) {
    message.reply_markup = raw.reply_markup;
  }
  return message;
}

// 2. Bot messages: wrap the method sendMessage's route uses to build its answer.
const addBotMessage = TelegramServer.prototype.addBotMessage;
TelegramServer.prototype.addBotMessage = function patchedAddBotMessage(rawMessage, botToken) {
  const added = addBotMessage.call(this, rawMessage, botToken);
  const stored = this.storage.botMessages.find((u) => u.messageId === added.message_id);
  return asMessage(stored);
};

// 3. Callback queries: add the chat_instance the Bot API always sends.
const formatUpdate = TelegramServer.formatUpdate;
TelegramServer.formatUpdate = function patchedFormatUpdate(update) {
  const formatted = formatUpdate.call(this, update);
  if (formatted.callback_query && !formatted.callback_query.chat_instance) {
    const chat = formatted.callback_query.message && formatted.callback_query.message.chat;
    formatted.callback_query.chat_instance = String(chat ? chat.id : 0);
  }
  return formatted;
};

function findBotMessage(server, body) {
  return server.storage.botMessages.find(
    (u) => String(u.messageId) === String(body.message_id)
      && String(u.message.chat_id) === String(body.chat_id),
  );
}

function notFound(res) {
  res.status(400).json({
    ok: false, error_code: 400, description: 'Bad Request: message to edit not found',
  });
}

// 1, 4 and the missing methods: routes registered before the package's own, so they win.
routes.unshift((app, server) => {
  app.all('/bot:token/:method', (req, res, next) => {
    const fault = faults.find((f) => f.method === req.params.method && f.times !== 0
      && (f.chatId === undefined || String(f.chatId) === String(req.body.chat_id)));
    if (!fault) return next();
    fault.times -= fault.times > 0 ? 1 : 0;
    fault.hits += 1;
    const answer = () => {
      if (!fault.status) return next();
      if (fault.status === 429) {
        return res.status(429).json({
          ok: false,
          error_code: 429,
          description: `Too Many Requests: retry after ${fault.retryAfter}`,
          parameters: { retry_after: fault.retryAfter },
        });
      }
      return res.status(fault.status).json({
        ok: false, error_code: fault.status, description: 'Internal Server Error: injected fault',
      });
    };
    if (fault.delayMs > 0) return setTimeout(answer, fault.delayMs);
    return answer();
  });
  app.post('/faults', (req, res) => {
    const {
      method, chatId, status, times = -1, delayMs = 0, retryAfter = 1,
    } = req.body;
    faults.push({
      method,
      chatId,
      status: Number(status === undefined ? (delayMs > 0 ? 0 : 500) : status),
      times: Number(times),
      delayMs: Number(delayMs),
      retryAfter: Number(retryAfter),
      hits: 0,
    });
    res.json({ ok: true, result: faults });
  });
  app.post('/faults/clear', (_req, res) => {
    faults.length = 0;
    res.json({ ok: true, result: true });
  });
  app.get('/faults', (_req, res) => res.json({ ok: true, result: faults }));

  app.all('/bot:token/createForumTopic', (req, res) => {
    const topic = { message_thread_id: nextTopicId, name: req.body.name, icon_color: 7322096 };
    nextTopicId += 1;
    res.json({ ok: true, result: topic });
  });

  app.all('/bot:token/getMe', (_req, res) => res.json({ ok: true, result: BOT_USER }));

  // 5. Long polling, as Telegram does: getUpdates with a `timeout` waits for an update (or the
  //    end of the timeout) instead of answering an empty list at once, which kept an idle bot
  //    and this server busy in a tight request loop.
  app.all('/bot:token/getUpdates', (req, res) => {
    const { token } = req.params;
    const seconds = Math.min(Number(req.body.timeout || req.query.timeout || 0), 50);
    const waiting = () => server.storage.userMessages.some(
      (u) => u.botToken === token && !u.isRead,
    );
    const answer = () => res.json({ ok: true, result: server.getUpdates(token) });
    if (seconds <= 0 || waiting()) return answer();
    const events = ['AddedUserMessage', 'AddedUserCommand', 'AddedUserCallbackQuery'];
    let timer;
    const finish = (reply) => {
      clearTimeout(timer);
      events.forEach((event) => server.removeListener(event, onUpdate));
      res.removeListener('close', onClose);
      if (reply) answer();
    };
    const onUpdate = () => { if (waiting()) finish(true); };
    const onClose = () => finish(false); // the bot gave up the request (e.g. it is stopping)
    timer = setTimeout(() => finish(true), seconds * 1000);
    events.forEach((event) => server.on(event, onUpdate));
    return res.on('close', onClose);
  });

  app.all('/bot:token/editMessageText', (req, res) => {
    const stored = findBotMessage(server, req.body);
    if (!stored) return notFound(res);
    const body = TelegramServer.normalizeMessage({ ...req.body });
    // As in Telegram, an edit without reply_markup removes the inline keyboard.
    stored.message = { ...stored.message, text: body.text, reply_markup: body.reply_markup };
    server.emit('EditedMessageText');
    return res.json({ ok: true, result: asMessage(stored) });
  });

  app.all('/bot:token/editMessageReplyMarkup', (req, res) => {
    const stored = findBotMessage(server, req.body);
    if (!stored) return notFound(res);
    const body = TelegramServer.normalizeMessage({ ...req.body });
    stored.message = { ...stored.message, reply_markup: body.reply_markup };
    server.emit('EditedMessageReplyMarkup');
    return res.json({ ok: true, result: asMessage(stored) });
  });

  app.all('/bot:token/answerCallbackQuery', (_req, res) => res.json({ ok: true, result: true }));

  ACCEPTED_WITHOUT_EFFECT.forEach((method) => {
    app.all(`/bot:token/${method}`, (_req, res) => res.json({ ok: true, result: true }));
  });
});

require('./files').install(routes, BOT_USER);

async function main() {
  const port = portFromArgs();
  const server = new TelegramServer({ port, host: '127.0.0.1' });
  await server.start();
  console.log(`telegram-test-api ready on ${server.config.apiURL}`);
  const stop = async () => {
    await server.stop();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
