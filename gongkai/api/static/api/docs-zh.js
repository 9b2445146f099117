/* The docs page's swagger-ui in Chinese: swagger-ui has no translations of its own, so the
   words of its buttons and headings are replaced where they appear (whole text nodes only, so
   that the API's own names and values are never touched). A static file, for the CSP. */
(function () {
  "use strict";
  var WORDS = {
    "Try it out": "试用",
    "Try it out ": "试用",
    "Execute": "执行",
    "Cancel": "取消",
    "Clear": "清除",
    "Authorize": "授权",
    "Available authorizations": "可用的授权方式",
    "Logout": "退出",
    "Close": "关闭",
    "Parameters": "参数",
    "No parameters": "无参数",
    "Request body": "请求体",
    "Responses": "响应",
    "Server response": "服务器响应",
    "Response body": "响应内容",
    "Response headers": "响应头",
    "Request URL": "请求地址",
    "Code": "状态码",
    "Description": "说明",
    "Details": "详情",
    "Links": "链接",
    "No links": "无链接",
    "Media type": "媒体类型",
    "Example Value": "示例值",
    "Schema": "结构",
    "Schemas": "数据结构",
    "Name": "名称",
    "Value:": "值：",
    "required": "必填",
    "Download": "下载",
    "Loading...": "正在加载……",
    "Failed to load API definition.": "接口说明加载失败。",
  };

  function translate(root) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var node;
    while ((node = walker.nextNode())) {
      var text = node.nodeValue;
      var word = WORDS[text] || WORDS[text.trim()];
      if (word && text.trim() !== word) {
        node.nodeValue = word;
      }
    }
  }

  function start() {
    var ui = document.getElementById("swagger-ui");
    if (!ui) {
      return;
    }
    translate(ui);
    new MutationObserver(function () {
      translate(ui);
    }).observe(ui, { childList: true, subtree: true, characterData: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
