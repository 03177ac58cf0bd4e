;; English read by festival's Italian diphone voices (lp_diphone, pc_diphone): festival's English front end (the
;; kal voice's lexicon, phrasing, durations and intonation) makes the phones, their durations and F0 targets; each
;; English phone becomes the nearest Italian one (diphthongs two, stressed vowels the stressed ones), and the Italian
;; voice speaks them. Fed to the Italian front end instead, English text comes out as Italian words that no English
;; model understands; mapped, it is accented English from two more recorded speakers.
(set! eng_ita_phones '((aa (a)) (ae (E)) (ah (a)) (ao (O)) (aw (a u)) (ax (a)) (axr (e r)) (ay (a i)) (b (b))
  (ch (tS)) (d (d)) (dh (d)) (eh (E)) (er (e r)) (ey (e i)) (f (f)) (g (g)) (hh ()) (ih (i)) (iy (i)) (jh (dZ))
  (k (k)) (l (l)) (m (m)) (n (n)) (ng (n)) (ow (o u)) (oy (O i)) (p (p)) (r (r)) (s (s)) (sh (S)) (t (t)) (th (t))
  (uh (u)) (uw (u)) (v (v)) (w (w)) (y (j)) (z (z)) (zh (Z)) (pau (#))))
(set! ita_vowels '(i e E a o O u))
(define (ita_phone p stress)
  (if (and (> stress 0) (member_string p ita_vowels)) (intern (string-append p "1")) p))
;; One English segment as a list of Italian ones: (phone duration (offset f0) ...), F0 scaled by f0_factor.
(define (ita_segments s f0_factor)
  (let ((dur (item.feat s "segment_duration")) (stress (item.feat s "R:SylStructure.parent.stress"))
        (start (item.feat s "segment_start")))
   (let ((ps (car (cdr (assoc (intern (item.name s)) eng_ita_phones))))
         (targets (mapcar (lambda (tg) (list (- (item.feat tg "pos") start) (* f0_factor (item.feat tg "f0"))))
                          (item.relation.daughters s 'Target))))
    (cond ((eq (length ps) 0) nil)
          ((eq (length ps) 1) (list (append (list (ita_phone (car ps) stress) dur) targets)))
          (t (list (append (list (ita_phone (car ps) stress) (/ dur 2)) targets)
                   (list (ita_phone (car (cdr ps)) 0) (/ dur 2))))))))
;; Speaks text with durations stretched by stretch and F0 scaled by f0_factor, in the voice voice_fn selects.
(define (mapped_wave text stretch f0_factor voice_fn out)
  (voice_kal_diphone)
  (Parameter.set 'Duration_Stretch stretch)
  (let ((u (eval (list 'Utterance 'Text text))))
    (Initialize u) (Text u) (Token_POS u) (Token u) (POS u) (Phrasify u) (Word u) (Pauses u) (Intonation u)
    (PostLex u) (Duration u) (Int_Targets u)
    (let ((segs (apply append (mapcar (lambda (s) (ita_segments s f0_factor)) (utt.relation.items u 'Segment)))))
      (voice_fn)
      (let ((v (eval (list 'Utterance 'Segments segs))))
        (utt.synth v)
        (utt.save.wave v out 'riff)))))
