/* This file is part of the membership suite. The COPYRIGHT file at the top
 * level of this repository contains the full copyright notices and license
 * terms.
 *
 * What the suite adds to the web client (sao 8.0 loads custom.js from its
 * root; `make sao` copies this file there).
 *
 * A search criterion whose name is no column of the list ("卡类型: 银卡"
 * where the list had no card type) was silently dropped with its value, and
 * the list showed rows the desk did not ask for: the search now says which
 * criteria it cannot use, and does not run. */
(function() {
    'use strict';

    const MESSAGES = {
        'zh': ['无法按以下条件查询：', '这些名称不是本列表的栏目，请从“过滤”中选择。',
            '查询条件无法使用'],
        'en': ['These criteria cannot be used: ',
            'they are no columns of this list; pick them from the filters.',
            'Unusable search criteria'],
    };

    function text(index) {
        const lang = (Sao.i18n.getlang() || 'en').split(/[_-]/)[0];
        return (MESSAGES[lang] || MESSAGES.en)[index];
    }

    // The names before a ":" of the search text that name no field
    function unknown_criteria(parser, search) {
        const lex = new Sao.common.udlex(search);
        const tokens = [];
        for (let token = lex.next(); token !== null; token = lex.next()) {
            tokens.push(token);
        }
        const unknown = [];
        let start = 0;  // the first token after the previous criterion
        tokens.forEach((token, i) => {
            if (token !== ':' || i === 0) {
                return;
            }
            let known = false;
            for (let j = start; j < i; j++) {
                const name = tokens.slice(j, i).join(' ').toLowerCase();
                if (name in parser.strings) {
                    known = true;
                    break;
                }
            }
            if (!known) {
                unknown.push(tokens[i - 1]);
            }
            start = i + 1;
        });
        return unknown;
    }

    const do_search = Sao.ScreenContainer.prototype.do_search;
    Sao.ScreenContainer.prototype.do_search = function() {
        const unknown = unknown_criteria(
            this.screen.domain_parser, this.get_text() || '');
        if (unknown.length) {
            return Sao.common.warning.run(
                text(0) + unknown.join('、') + '\n' + text(1), text(2));
        }
        return do_search.call(this);
    };
    Sao.membership = {'unknown_criteria': unknown_criteria};
}());
