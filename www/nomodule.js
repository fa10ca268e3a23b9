// Runs only in browsers too old for JavaScript modules (they cannot run the
// engine either): say so, in the language of the link (lang=en) as the page
// would (else the browser's, English if it asks for English first), instead of
// leaving the page waiting. ES5 on purpose.
(function () {
  var status = /** @type {HTMLElement} */ (document.getElementById('status'));
  var given = /[?&]lang=(en|zh)(&|$)/.exec(location.search);
  var en = given ? given[1] === 'en' : /^en\b/i.test(navigator.language || '');
  status.className = 'status error';
  status.textContent = en
    ? 'Your browser is too old to run this calculator. Update WeChat or your browser, or open this page in the system browser.'
    : '您的浏览器版本太旧，无法运行本计算器。请把微信或手机浏览器更新到最新版本，或点右上角“…”选择“在浏览器中打开”。';
  if (en) document.documentElement.lang = 'en';
  document.documentElement.setAttribute('data-engine', 'failed');
})();
