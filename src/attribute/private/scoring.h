/* The evidence the scorer weighs for one candidate speaker of one quote:
 * each feature is a number, mostly 0 or 1, and the candidate with the
 * highest weighted sum speaks.  The weights are in weights.c.  A quote
 * whose own tag names its speaker is weighed on the tag, the quote's own
 * words and the paragraph alone: the scene around it cannot outvote
 * `said Ann`.  A quote that goes on one left open at the end of the
 * paragraph before is no choice at all: the same speech, the same
 * speaker (rule `continuation`). */
#ifndef DRAMATIS_ATTRIBUTE_SCORING_H
#define DRAMATIS_ATTRIBUTE_SCORING_H

#include <stddef.h>

/* X(ENUM, "name in weights.c and the script's rule", "what it means") */
#define ATTR_FEATURES(X) \
    X(TAG_NAME, "tag", "the quote's speech tag names the candidate (`said Ann`), or is `I said` and the candidate tells the story") \
    X(TAG_PRON, "pronoun", "a `he said` tag of the candidate's gender") \
    X(TAG_PRON_NEAR, "pronoun-near", "of that gender, the candidate was named last before the tag") \
    X(PRON_PARA, "pronoun-here", "of the tag pronoun's gender, named first in the paragraph before the tag") \
    X(PRON_PREV, "pronoun-subject", "of that gender, the last subject of the paragraph before") \
    X(PRON_RECENT, "pronoun-recent", "of that gender, the character seen last") \
    X(PRON_TOPIC, "pronoun-topic", "of that gender, the last name to open a sentence of narration") \
    X(PRON_LAST, "pronoun-last", "of that gender, and the speaker of the turn before") \
    X(PRON_LAST2, "pronoun-turn", "of that gender, and the speaker two turns before") \
    X(TAG_PRON_OTHER, "pronoun-mismatch", "a `she said` tag and the candidate is a man, or the reverse") \
    X(TAG_NOUN, "noun", "a `the old man said` tag of the candidate's gender") \
    X(TAG_OTHER, "other", "an `the other said` tag and the candidate is not the last speaker") \
    X(PARA_TAG, "paragraph-tag", "another quote of the paragraph has a tag naming the candidate") \
    X(BEAT_NAME, "beat", "the narration beside the quote has the candidate (or `I`, the narrator) as subject: `Ann smiled.`") \
    X(BEAT_PRON, "beat-pronoun", "a `she smiled.` beat; of that gender, the candidate was named last") \
    X(BEAT_GENDER, "beat-gender", "a `she smiled.` beat, or a narration paragraph before ending `she said:`, of the candidate's gender") \
    X(BEAT_GENDER_OTHER, "beat-gender-mismatch", "the same beat or lead of the other gender, or the candidate tells the story") \
    X(LEAD, "lead", "the narration paragraph just before ends by announcing the candidate's speech") \
    X(PARA_NAME, "named-here", "the candidate is named in this paragraph's narration") \
    X(PARA_NAME_OBJ, "named-here-object", "the candidate is named in this paragraph's narration, but only after a preposition: `she turned to Ann`") \
    X(PREV_SUBJECT, "subject-before", "the candidate opens a sentence of the paragraph just before") \
    X(PREV_PRON_SUBJECT, "pronoun-subject-before", "a he or she opening a sentence of the paragraph before stands for the candidate") \
    X(MENT_SELF, "mentioned", "the quote names the candidate without addressing them") \
    X(NARRATOR, "narrator", "the candidate tells the story in the first person") \
    X(NARRATOR_REPLY, "narrator-replies", "the candidate tells the story, someone else spoke the turn just before, and no third one the turn before that") \
    X(LAST, "last-speaker", "the candidate spoke the turn just before") \
    X(LAST_GAP, "last-speaker-gap", "the candidate spoke the turn before, narration between") \
    X(LAST2, "turn-taking", "the candidate spoke two turns before, and not the last") \
    X(LAST2_GAP, "turn-taking-gap", "the same with narration between the turns") \
    X(SAME_PARA, "same-paragraph", "the candidate spoke the quote before in this paragraph") \
    X(VOC_PREV, "vocative", "the turn before addressed the candidate") \
    X(VOC_PREV_GAP, "vocative-gap", "the turn before addressed the candidate, narration between") \
    X(VOC_NEXT, "answered", "the turn after addresses the candidate: `\"Come.\" / \"Yes, Ann.\"`") \
    X(LISTENER_PREV, "listener", "the turn before was said `to` the candidate") \
    X(NEXT, "next-speaker", "a first reading gave the candidate the turn after this one") \
    X(NEXT2, "next-turn-taking", "a first reading gave the candidate the turn two after, not the next") \
    X(AHEAD_EVEN, "named-ahead-even", "a tag an even number of turns ahead names the candidate") \
    X(AHEAD_ODD, "named-ahead-odd", "a tag an odd number of turns ahead names the candidate") \
    X(BEHIND_EVEN, "named-behind-even", "a tag an even number of turns back names the candidate") \
    X(BEHIND_ODD, "named-behind-odd", "a tag an odd number of turns back names the candidate") \
    X(AHEAD_FAR_EVEN, "named-far-ahead-even", "the same, 9 to 20 turns ahead") \
    X(AHEAD_FAR_ODD, "named-far-ahead-odd", "the same, 9 to 20 turns ahead, odd") \
    X(BEHIND_FAR_EVEN, "named-far-behind-even", "the same, 9 to 20 turns back") \
    X(BEHIND_FAR_ODD, "named-far-behind-odd", "the same, 9 to 20 turns back, odd") \
    X(RECENCY, "recency", "1 for the character seen last, 1/2 the one before, ...") \
    X(DISTANCE, "distance", "paragraphs since the candidate was seen, over the window") \
    X(FREQUENCY, "salience", "how often the book names the candidate, against the most named") \
    X(SPOKE, "has-spoken", "the candidate has spoken in this chapter")

enum attr_feature {
#define ATTR_FEATURE_ENUM(e, name, doc) ATTR_F_##e,
    ATTR_FEATURES(ATTR_FEATURE_ENUM)
#undef ATTR_FEATURE_ENUM
    ATTR_N_FEATURES
};

/* Feature names, in enum order. */
extern const char *const attr_feature_names[ATTR_N_FEATURES];

/* The weights the product uses (weights.c, generated). */
extern const double attr_weights[ATTR_N_FEATURES];

#endif
