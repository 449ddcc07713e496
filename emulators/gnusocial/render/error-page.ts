import { htmlSpecialChars } from '../domain/php.ts';

/**
 * GNU social's full HTML error page (theme neo-quitter, version 2.0.1-beta0), which the API
 * answers for paths it has no route for (captured: `api_unknown_endpoint`,
 * `statuses_show_non_numeric_id`). The license image path really is built on the request path.
 */
export function errorPage(page: {
  base: string;
  siteName: string;
  requestPath: string;
  title: string;
  message: string;
}): string {
  const { base } = page;
  const [site, path] = [htmlSpecialChars(page.siteName), htmlSpecialChars(page.requestPath)];
  const [title, message] = [htmlSpecialChars(page.title), htmlSpecialChars(page.message)];
  return `<!DOCTYPE html
PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN"
       "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">
 <head>
  <title>${title} - ${site}</title>
  <link rel="shortcut icon" href="${base}/favicon.ico"/>
  <link rel="stylesheet" type="text/css" href="${base}/theme/base/css/display.css?version=2.0.1-beta0" media="screen, projection, tv, print"/>
  <link rel="stylesheet" type="text/css" href="${base}/theme/neo-quitter/css/display.css?version=2.0.1-beta0" media="screen, projection, tv, print"/>
  <link rel="stylesheet" type="text/css" href="${base}/plugins/Embed/css/embed.css" media=""/>
  <link rel="stylesheet" type="text/css" href="${base}/plugins/OStatus/theme/base/css/ostatus.css" media=""/>
  <link rel="stylesheet" type="text/css" href="${base}/js/extlib/jquery-ui/css/smoothness/jquery-ui.css?version=2.0.1-beta0" media=""/>
  <link rel="stylesheet" type="text/css" href="${base}/plugins/Bookmark/css/bookmark.css" media=""/>
  <link rel="stylesheet" type="text/css" href="${base}/plugins/Event/css/event.css" media=""/>
  <link rel="stylesheet" type="text/css" href="${base}/plugins/Poll/css/poll.css" media=""/>
  <link rel="search" type="application/opensearchdescription+xml" href="${base}/opensearch/people" title="${site} People Search"/>
  <link rel="search" type="application/opensearchdescription+xml" href="${base}/opensearch/notice" title="${site} Notice Search"/>
 </head>
 <body id="error">
  <div id="wrap">
   <div id="header">
    <address id="site_contact" class="h-card">
     <a class="home bookmark" href="${base}/main/public">
      <img class="logo u-photo p-name" src="${base}/theme/neo-quitter/logo.png" alt="${site}"/>
     </a>
    </address>
    <div id="site_nav_global_primary">
     <form id="header-search" class="form" method="get" action="${base}/search/notice">
      <fieldset>
       <input name="q" size="20" id="search-q"/>
       <input type="submit" value="Search"/>
      </fieldset>
     </form>
     <ul class="nav">
      <li id="nav_login">
       <a href="${base}/main/login" title="Login to the site.">Login</a>
      </li>
     </ul>
    </div>
   </div>
   <div id="core">
    <div id="aside_primary_wrapper">
     <div id="content_wrapper">
      <div id="site_nav_local_views_wrapper">
       <div id="content">
        <h1>${title}</h1>
        <div id="page_notice" class="system_notice"></div>
        <div id="content_inner">
         <div class="error">${message}</div>
        </div>
       </div>
      </div>
     </div>
    </div>
   </div>
   <div id="footer">
    <ul class="nav" id="site_nav_global_secondary">
     <li>
      <a href="${base}/doc/help">Help</a>
     </li>
     <li>
      <a href="${base}/doc/about">About</a>
     </li>
     <li>
      <a href="${base}/doc/faq">FAQ</a>
     </li>
     <li>
      <a href="${base}/doc/privacy">Privacy</a>
     </li>
     <li>
      <a href="${base}/doc/source">Source</a>
     </li>
     <li>
      <a href="${base}/main/version">Version</a>
     </li>
     <li>
      <a href="${base}/doc/contact">Contact</a>
     </li>
    </ul>
<p><strong>${site}</strong> is a social network. It runs on <a href="https://gnusocial.rocks/">GNU social</a>, version 2.0.1-beta0, available under the <a href="http://www.fsf.org/licensing/licenses/agpl-3.0.html">GNU Affero General Public License</a>.</p>
    <p>
     <img id="license_cc" src="${path}/theme/licenses/cc_by_3.0_80x15.png" alt="Creative Commons Attribution 3.0" width="80" height="15"/>
 All ${site} content and data are available under the <a class="license" rel="external license" href="https://creativecommons.org/licenses/by/3.0/">Creative Commons Attribution 3.0</a> license.</p>
   </div>
  </div>
 </body>
<!-- 1ms --></html>`;
}

/** The headers that come with the HTML page. */
export function errorPageHeaders(base: string): Record<string, string> {
  return {
    'Content-Type': 'text/html; charset=utf-8',
    Link: `<${base}/main/amcd.json>; rel="acct-mgmt"; type="application/json"`,
    'X-Account-Management-Status': 'none',
    'X-XSS-Protection': '1; mode=block',
    'X-Frame-Options': 'SAMEORIGIN',
  };
}
