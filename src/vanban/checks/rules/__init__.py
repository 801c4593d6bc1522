"""The check rules, one module each, named by the rule's code and name
(``vb101_undated_reference``); each defines ``RULE``. :mod:`vanban.checks.registry` lists them."""
