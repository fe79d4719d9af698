/*
 * Mounts rasa-webchat and renders the assistant's assessment card.
 *
 * rasa-webchat (lib/index.js) bundles its own React but does not expose it;
 * window.React here comes from /static/react.js (node_modules/react UMD).
 * Elements made by that copy's createElement are plain objects tagged with
 * Symbol.for('react.element'), which the bundled React renders like its own.
 * The card is a plain function component (no hooks), so the two copies never
 * share state. All text goes in as React text children: React escapes it, and
 * nothing here uses innerHTML or dangerouslySetInnerHTML.
 */
(function () {
  'use strict';

  var SESSION_KEY = 'chat_session'; // rasa-webchat 1.0.1 storage key (params.storage: 'local')

  // Triage levels (heel/levels.py), most urgent first: the colour of each. Their headlines
  // come with the page's settings (config.levels), from the clinical core.
  var TONES = {
    emergency_ambulance: 'ambulance',
    emergency: 'emergency',
    consultation_24: 'today',
    consultation: 'appointment',
    self_care: 'selfcare'
  };
  var LEVEL_TITLES = {};

  // Names the generic humaniser would get wrong; anything else is humanised.
  var CONDITION_NAMES = {
    baxters_nerve_entrapment: "Baxter's nerve entrapment",
    charcot_foot: 'Charcot foot',
    inconclusive: 'Not clear from these answers'
  };

  var FINDING_LABELS = {
    red_flags: 'Warning signs',
    pain_location: 'Where it hurts',
    pain_character: 'What the pain feels like',
    numbness_area: 'Numbness or tingling',
    first_step_pain: 'Pain on the first steps',
    night_symptoms: 'Worse at night',
    tinel_sign: 'Tapping sets it off',
    worse_with_activity: 'Worse with activity',
    both_feet: 'Both feet',
    back_pain: 'Back pain',
    diabetes: 'Diabetes',
    recent_injury: 'Recent injury',
    training_increase: 'More training or standing lately',
    duration_weeks: 'How long (weeks)',
    flat_feet: 'Foot rolls in',
    footwear: 'Footwear'
  };

  // ---------------------------------------------------------------- elements

  var REACT_ELEMENT = typeof Symbol === 'function' && Symbol.for ? Symbol.for('react.element') : 0xeac7;

  // Fallback when /static/react.js did not load: the element shape React 16
  // uses (the bundle is React 16.12). Only for this card; prefer React.
  function fallbackCreateElement(type, props) {
    var all = {};
    var key = null;
    if (props) {
      Object.keys(props).forEach(function (k) {
        if (k === 'key') key = props.key == null ? null : String(props.key);
        else all[k] = props[k];
      });
    }
    var children = Array.prototype.slice.call(arguments, 2);
    if (children.length === 1) all.children = children[0];
    else if (children.length > 1) all.children = children;
    return { $$typeof: REACT_ELEMENT, type: type, key: key, ref: null, props: all, _owner: null };
  }

  var h = window.React && typeof window.React.createElement === 'function'
    ? window.React.createElement
    : fallbackCreateElement;

  // ------------------------------------------------------------------- text

  function asText(value) {
    if (value === null || value === undefined) return '';
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    try { return JSON.stringify(value); } catch (e) { return ''; }
  }

  function humanise(value) {
    var text = asText(value).replace(/_+/g, ' ').replace(/\s+/g, ' ').trim();
    return text ? text.charAt(0).toUpperCase() + text.slice(1) : '';
  }

  function conditionName(value) {
    var key = asText(value);
    return Object.prototype.hasOwnProperty.call(CONDITION_NAMES, key) ? CONDITION_NAMES[key] : humanise(key);
  }

  function findingValue(value) {
    if (Array.isArray(value)) return value.length ? value.map(humanise).join(', ') : 'None';
    if (value === true) return 'Yes';
    if (value === false) return 'No';
    return humanise(value);
  }

  // ------------------------------------------------------------------- card

  function isObject(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  }

  // The bot message's keys arrive as props (plus id, isLast, store, dispatch
  // and text: "undefined" added by rasa-webchat). Accept the payload whether
  // or not a channel kept a wrapper around it.
  function findAssessment(props) {
    var candidates = [props, props.data, props.custom, props.payload];
    for (var i = 0; i < candidates.length; i++) {
      if (isObject(candidates[i]) && isObject(candidates[i].assessment)) return candidates[i].assessment;
    }
    return null;
  }

  function levelBadge(level) {
    var key = asText(level);
    var known = Object.prototype.hasOwnProperty.call(TONES, key);
    var titled = Object.prototype.hasOwnProperty.call(LEVEL_TITLES, key) ? asText(LEVEL_TITLES[key]) : '';
    var label = titled || humanise(key) || 'Urgency not given';
    return h('p', { className: 'hc-badge hc-badge--' + (known ? TONES[key] : 'unknown') },
      h('span', { className: 'visually-hidden' }, 'What to do: '), label);
  }

  function reasonsList(reasons) {
    var items = (Array.isArray(reasons) ? reasons : [reasons]).map(asText).filter(Boolean);
    if (!items.length) return null;
    return h('div', { className: 'hc-section' },
      h('h4', { className: 'hc-heading' }, 'Why'),
      h('ul', { className: 'hc-reasons' }, items.map(function (text, i) {
        return h('li', { key: 'r' + i }, text);
      })));
  }

  function findingsList(findings) {
    if (!isObject(findings)) return null;
    var names = Object.keys(findings);
    if (!names.length) return null;
    return h('details', { className: 'hc-findings' },
      h('summary', null, 'What you told me'),
      h('dl', null, names.map(function (name) {
        var label = Object.prototype.hasOwnProperty.call(FINDING_LABELS, name) ? FINDING_LABELS[name] : humanise(name);
        return h('div', { key: 'f-' + name, className: 'hc-finding' },
          h('dt', null, label), h('dd', null, findingValue(findings[name])));
      })));
  }

  function AssessmentCard(props) {
    var a = findAssessment(props || {});
    if (!a) {
      if (window.console) console.warn('Custom message without an assessment was not shown.');
      return null;
    }
    var condition = conditionName(a.likely_condition);
    var disclaimer = asText(a.disclaimer) || 'This is a pre-screening, not a diagnosis.';
    return h('article', { className: 'hc-card', 'aria-label': 'Pre-screening result' },
      h('h3', { className: 'hc-title' }, 'Pre-screening result'),
      levelBadge(a.triage_level),
      condition ? h('p', { className: 'hc-condition' },
        h('span', { className: 'hc-condition-label' }, 'Likely cause: '), condition) : null,
      reasonsList(a.reasons),
      findingsList(a.findings),
      h('p', { className: 'hc-disclaimer' }, disclaimer));
  }

  // --------------------------------------------------------------- webchat

  function readConfig() {
    var el = document.getElementById('config');
    if (!el) return null;
    try {
      var config = JSON.parse(el.textContent);
      return isObject(config) && typeof config.socketUrl === 'string' ? config : null;
    } catch (e) {
      return null;
    }
  }

  function showStatus(text) {
    var el = document.getElementById('webchat-status');
    if (!el) return;
    el.textContent = text;
    el.hidden = false;
  }

  function chooseWithKeyboard(event) {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      event.currentTarget.click();
    }
  }

  // The widget's markup has no live region or input label; add them once it renders.
  function improveAccessibility(host) {
    function patch() {
      var log = host.querySelector('#rw-messages');
      if (log && !log.hasAttribute('role')) {
        log.setAttribute('role', 'log');
        log.setAttribute('aria-live', 'polite');
        log.setAttribute('aria-label', 'Conversation');
      }
      var input = host.querySelector('.rw-new-message');
      if (input && !input.hasAttribute('aria-label')) input.setAttribute('aria-label', 'Your message');
      var send = host.querySelector('.rw-send');
      if (send && !send.hasAttribute('aria-label')) send.setAttribute('aria-label', 'Send');
      // Quick replies are plain divs in rasa-webchat: make them real buttons for
      // keyboards and screen readers (Enter or Space chooses, like a click).
      var replies = host.querySelectorAll('.rw-reply:not([role])');
      for (var i = 0; i < replies.length; i++) {
        replies[i].setAttribute('role', 'button');
        replies[i].setAttribute('tabindex', '0');
        replies[i].addEventListener('keydown', chooseWithKeyboard);
      }
      var group = host.querySelector('.rw-replies:not([role])');
      if (group) {
        group.setAttribute('role', 'group');
        group.setAttribute('aria-label', 'Suggested answers');
      }
    }
    patch();
    if (window.MutationObserver) new MutationObserver(patch).observe(host, { childList: true, subtree: true });
  }

  function startNewConversation() {
    try {
      window.localStorage.removeItem(SESSION_KEY);
      window.sessionStorage.removeItem(SESSION_KEY);
    } catch (e) { /* storage blocked: nothing to clear */ }
    window.location.reload();
  }

  function mount() {
    var host = document.getElementById('webchat');
    var config = readConfig();
    if (!host) return;
    if (!config) {
      showStatus('The chat is not configured. Please try again later.');
      return;
    }
    if (isObject(config.levels)) LEVEL_TITLES = config.levels;
    if (!window.WebChat || typeof window.WebChat.default !== 'function') {
      showStatus('The chat could not be loaded. Please reload the page.');
      return;
    }
    var reset = document.getElementById('reset-chat');
    if (reset) reset.addEventListener('click', startNewConversation);

    // WebChat.default(props, element): the second argument is the mount node
    // (there is no `selector` prop); it renders on window 'load'.
    window.WebChat.default({
      initPayload: '/greet',
      customData: { language: 'en' },
      socketUrl: config.socketUrl,
      socketPath: config.socketPath || '/socket.io/',
      title: 'Heel pain pre-screen',
      subtitle: 'Not a diagnosis',
      inputTextFieldHint: 'Describe your heel pain\u2026',
      connectingText: 'Connecting to the assistant\u2026',
      showMessageDate: true,
      params: { storage: 'local' },
      embedded: true,
      showCloseButton: false,
      hideWhenNotConnected: false,
      withRules: false, // Botfront rules off: otherwise the widget stays hidden until session_confirm
      customComponent: AssessmentCard
    }, host);
    improveAccessibility(host);
  }

  // Exposed for tests (e.g. rendering the card with react-dom/server).
  window.HeelCheck = { AssessmentCard: AssessmentCard, humanise: humanise, TONES: TONES };

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mount);
  else mount();
}());
