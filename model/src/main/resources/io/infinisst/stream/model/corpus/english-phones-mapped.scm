;; English read by festival's Italian, Czech and Finnish diphone voices: festival's English front end (the kal
;; voice's lexicon, phrasing, durations and intonation) makes the phones, their durations and F0 targets; each
;; English phone becomes the nearest one of the voice's language (diphthongs two; Italian's stressed vowels for
;; stressed ones), and the voice speaks them. Fed to its own front end instead, English text comes out as words of
;; that language that no English model understands; mapped, it is accented English from recorded speakers whom
;; Debian's English voices do not have.
(set! eng_phones_italian '((aa (a)) (ae (E)) (ah (a)) (ao (O)) (aw (a u)) (ax (a)) (axr (e r)) (ay (a i)) (b (b))
  (ch (tS)) (d (d)) (dh (d)) (eh (E)) (er (e r)) (ey (e i)) (f (f)) (g (g)) (hh ()) (ih (i)) (iy (i)) (jh (dZ))
  (k (k)) (l (l)) (m (m)) (n (n)) (ng (n)) (ow (o u)) (oy (O i)) (p (p)) (r (r)) (s (s)) (sh (S)) (t (t)) (th (t))
  (uh (u)) (uw (u)) (v (v)) (w (w)) (y (j)) (z (z)) (zh (Z)) (pau (#))))
(set! stressed_italian '(i e E a o O u))
(set! eng_phones_czech '((aa (a:)) (ae (e)) (ah (a)) (ao (o:)) (aw (a u)) (ax (e)) (axr (e r)) (ay (a j)) (b (b))
  (ch (c~)) (d (d)) (dh (d)) (eh (e)) (er (e r)) (ey (e j)) (f (f)) (g (g)) (hh (h)) (ih (i)) (iy (i:)) (jh (dz~))
  (k (k)) (l (l)) (m (m)) (n (n)) (ng (n*)) (ow (o u)) (oy (o j)) (p (p)) (r (r)) (s (s)) (sh (s~)) (t (t)) (th (t))
  (uh (u)) (uw (u:)) (v (v)) (w (u)) (y (j)) (z (z)) (zh (z~)) (pau (#))))
(set! stressed_czech nil)
(set! eng_phones_finnish '((aa (a:)) (ae (@)) (ah (a)) (ao (o:)) (aw (a u)) (ax (e)) (axr (e r)) (ay (a i)) (b (b))
  (ch (t S)) (d (d)) (dh (d)) (eh (e)) (er (7 r)) (ey (e i)) (f (f)) (g (g)) (hh (h)) (ih (i)) (iy (i:)) (jh (d j))
  (k (k)) (l (l)) (m (m)) (n (n)) (ng (N)) (ow (o u)) (oy (o i)) (p (p)) (r (r)) (s (s)) (sh (S)) (t (t)) (th (T))
  (uh (u)) (uw (u:)) (v (v)) (w (w)) (y (j)) (z (s)) (zh (S)) (pau (#))))
(set! stressed_finnish nil)
;; A vowel of a stressed syllable as its stressed phone (name + "1") where the language has one.
(define (mapped_phone p stress stressed_vowels)
  (if (and (> stress 0) (member_string p stressed_vowels)) (intern (string-append p "1")) p))
;; One English segment as a list of mapped ones: (phone duration (offset f0) ...), F0 scaled by f0_factor.
(define (mapped_segments s table stressed_vowels f0_factor)
  (let ((dur (item.feat s "segment_duration")) (stress (item.feat s "R:SylStructure.parent.stress"))
        (start (item.feat s "segment_start")))
   (let ((ps (car (cdr (assoc (intern (item.name s)) table))))
         (targets (mapcar (lambda (tg) (list (- (item.feat tg "pos") start) (* f0_factor (item.feat tg "f0"))))
                          (item.relation.daughters s 'Target))))
    (cond ((eq (length ps) 0) nil)
          ((eq (length ps) 1) (list (append (list (mapped_phone (car ps) stress stressed_vowels) dur) targets)))
          (t (list (append (list (mapped_phone (car ps) stress stressed_vowels) (/ dur 2)) targets)
                   (list (mapped_phone (car (cdr ps)) 0 stressed_vowels) (/ dur 2))))))))
;; Speaks text with durations stretched by stretch and F0 scaled by f0_factor, in the voice voice_fn selects, whose
;; phones table (and stressed_vowels) gives.
(define (mapped_wave text stretch f0_factor voice_fn table stressed_vowels out)
  (voice_kal_diphone)
  (Parameter.set 'Duration_Stretch stretch)
  (let ((u (eval (list 'Utterance 'Text text))))
    (Initialize u) (Text u) (Token_POS u) (Token u) (POS u) (Phrasify u) (Word u) (Pauses u) (Intonation u)
    (PostLex u) (Duration u) (Int_Targets u)
    (let ((segs (apply append (mapcar (lambda (s) (mapped_segments s table stressed_vowels f0_factor))
                                      (utt.relation.items u 'Segment)))))
      (voice_fn)
      (let ((v (eval (list 'Utterance 'Segments segs))))
        (utt.synth v)
        (utt.save.wave v out 'riff)))))
